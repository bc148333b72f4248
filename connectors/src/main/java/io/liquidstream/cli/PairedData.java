package io.liquidstream.cli;

import io.liquidstream.connectors.format.hdf5.NTidigits;
import io.liquidstream.connectors.format.hdf5.SpikingHeidelbergDigits;
import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.core.binning.FixedBinning;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import io.liquidstream.core.transform.EventTransform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The two modalities named by a {@code --pair} option ({@code vision=DIR,audio=FILE} or
 * {@code neural=PATH,vision=DIR}), loaded from their files, with the seed's input and reservoir
 * settings for that pairing. Modality A is the non-visual one (audio or neural), B the image side.
 */
record PairedData(Side a, Side b) {

    /** Classes held out by default on data beyond the digits, as the seed's 4 of 26 letters. */
    static final int HELD_OUT_LETTERS = 4;

    // The seed's image side has 784 inputs and 2048 neurons; here the image arrives as DVS events of the
    // N-MNIST layout, so a 28x28 crop of the ON events gives the same 784 inputs.
    private static final InputSpec IMAGE_DVS = InputSpec.parse("image-dvs=sensor(34,34,2)|crop(28,28)|polarity(1)|fixed(50)");

    /**
     * Read-out segments of the neural side by default: a whole-trial firing rate keeps little more than
     * the pen's net displacement, while rates in 10 parts of the trial keep its time course, which is what
     * ties the recording to the shape written (and what lets unseen characters be recognised).
     */
    static final int NEURAL_SEGMENTS = 10;

    /**
     * One modality: its samples and how the seed encodes them in this pairing.
     *
     * @param defaultSegments read-out segments when {@code --segments} does not say
     */
    record Side(String modality, Path source, List<LabeledSample> train, List<LabeledSample> test, InputSpec input,
            ReservoirPreset preset, int inputs, int defaultSegments) {
        ReservoirSpec reservoir(long seed) {
            return preset.spec(seed).withInputs(inputs);
        }
    }

    static PairedData load(String pair, int neuralChannels) throws IOException {
        Map<String, Path> parts = parse(pair);
        Path vision = parts.get("vision");
        if (vision == null || parts.size() != 2 || !(parts.containsKey("audio") || parts.containsKey("neural"))) {
            throw new IllegalArgumentException("--pair must name vision and one of audio or neural, e.g. "
                    + "vision=DIR,audio=FILE or neural=DIR,vision=DIR; found '" + pair + "'");
        }
        if (parts.containsKey("audio")) {
            Path audio = parts.get("audio");
            Side a = new Side("audio", audio, NTidigits.read(requireExists(audio), "train", true),
                    NTidigits.read(audio, "test", true), InputSpec.audioProbe(), ReservoirPreset.AUDIO_CLIP, 64, 1);
            return new PairedData(a, visionSide(vision, InputSpec.visionProbe(), ReservoirPreset.VISION_CLIP));
        }
        Path neural = requireExists(parts.get("neural"));
        InputSpec neuralInput = neuralChannels == 192 ? InputSpec.neuralBmi()
                : new InputSpec("neural-" + neuralChannels, EventTransform.identity(), new FixedBinning(201),
                        SensorGeometry.channels(neuralChannels));
        Side a = new Side("neural", neural, readShd(neural, "train", neuralChannels), readShd(neural, "test", neuralChannels),
                neuralInput, ReservoirPreset.NEURAL_BMI, neuralChannels, NEURAL_SEGMENTS);
        return new PairedData(a, visionSide(vision, IMAGE_DVS, ReservoirPreset.IMAGE_BMI));
    }

    /**
     * The neural/vision pairing of samples already in memory (e.g. {@link BuiltInStrokes}), with the same
     * settings as {@code --pair neural=DIR,vision=DIR} on 192 electrodes. {@code source} only names them.
     */
    static PairedData neuralVision(Path source, List<LabeledSample> neuralTrain, List<LabeledSample> neuralTest,
            List<LabeledSample> visionTrain, List<LabeledSample> visionTest) {
        return new PairedData(
                new Side("neural", source, neuralTrain, neuralTest, InputSpec.neuralBmi(), ReservoirPreset.NEURAL_BMI, 192,
                        NEURAL_SEGMENTS),
                new Side("vision", source, visionTrain, visionTest, IMAGE_DVS, ReservoirPreset.IMAGE_BMI, IMAGE_DVS.inputs(),
                        1));
    }

    private static Side visionSide(Path dir, InputSpec input, ReservoirPreset preset) throws IOException {
        requireExists(dir);
        return new Side("vision", dir, NmnistFolder.read(dir, "Train", 0), NmnistFolder.read(dir, "Test", 0), input,
                preset, input.inputs(), 1);
    }

    private static List<LabeledSample> readShd(Path dir, String split, int channels) throws IOException {
        for (String name : List.of(split + ".h5", "shd_" + split + ".h5")) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                return SpikingHeidelbergDigits.read(f, channels);
            }
        }
        throw new IllegalArgumentException("expected " + dir.resolve(split + ".h5") + " or " + dir.resolve("shd_" + split + ".h5")
                + " (SHD layout)");
    }

    private static Path requireExists(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(p + " does not exist");
        }
        return p;
    }

    static Map<String, Path> parse(String pair) {
        Map<String, Path> parts = new LinkedHashMap<>();
        for (String item : pair.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new IllegalArgumentException("--pair items are MODALITY=PATH, found '" + item + "' in '" + pair + "'");
            }
            String modality = item.substring(0, eq).trim();
            if (!List.of("vision", "audio", "neural").contains(modality)) {
                throw new IllegalArgumentException("unknown modality '" + modality + "' in --pair; expected vision, audio or neural");
            }
            if (parts.put(modality, Path.of(item.substring(eq + 1).trim())) != null) {
                throw new IllegalArgumentException("modality '" + modality + "' named twice in --pair '" + pair + "'");
            }
        }
        return parts;
    }

    /**
     * The zero-shot classes when {@code --zero-shot-classes} does not say: the seed's 8-9 on digits; on
     * data with more classes than that (the built-in letters), the last {@link #HELD_OUT_LETTERS} classes
     * present, as the seed holds out 4 of 26 letters.
     */
    SortedSet<Integer> defaultZeroShotClasses() {
        SortedSet<Integer> present = classesPresent();
        if (a.modality().equals("audio") || present.containsAll(Set.of(8, 9)) && present.last() <= 9) {
            return new TreeSet<>(Set.of(8, 9));
        }
        List<Integer> all = new ArrayList<>(present);
        return new TreeSet<>(all.subList(Math.max(1, all.size() - HELD_OUT_LETTERS), all.size()));
    }

    /**
     * The training classes when {@code --train-classes} does not say: the seed's 1-7 for audio; for
     * neural data every class present in both modalities' training samples but the zero-shot ones.
     */
    SortedSet<Integer> defaultTrainClasses(Set<Integer> zeroShot) {
        if (a.modality().equals("audio")) {
            return new TreeSet<>(classes("1-7"));
        }
        SortedSet<Integer> out = classesPresent();
        out.removeAll(zeroShot);
        return out;
    }

    /** Classes with training samples in both modalities. */
    private SortedSet<Integer> classesPresent() {
        SortedSet<Integer> inA = new TreeSet<>();
        a.train().forEach(s -> inA.add(s.label()));
        SortedSet<Integer> both = new TreeSet<>();
        b.train().forEach(s -> {
            if (inA.contains(s.label())) {
                both.add(s.label());
            }
        });
        return both;
    }

    /** Parses a class list such as {@code 1-7} or {@code 0,2,5-6}. */
    static List<Integer> classes(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-');
                if (dash > 0) {
                    int lo = Integer.parseInt(p.substring(0, dash));
                    int hi = Integer.parseInt(p.substring(dash + 1));
                    if (hi < lo) {
                        throw new IllegalArgumentException("empty class range '" + p + "'");
                    }
                    for (int c = lo; c <= hi; c++) {
                        out.add(c);
                    }
                } else {
                    out.add(Integer.parseInt(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected classes like 1-7 or 0,2,5-6, found '" + text + "'");
            }
        }
        return out;
    }
}

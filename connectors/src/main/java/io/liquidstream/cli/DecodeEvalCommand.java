package io.liquidstream.cli;

import io.liquidstream.connectors.decoding.VelocityRecordings;
import io.liquidstream.core.binning.FixedBinning;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.evaluation.ContinuousDecoding;
import io.liquidstream.core.evaluation.DecodingTrial;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.transform.EventTransform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liquidstream eval decode}: continuous decoding of held-out trials, the liquid beside the BMI baselines. */
@Command(name = "decode", header = "Pen velocity decoded: liquid vs Wiener and Kalman filters.",
        mixinStandardHelpOptions = true,
        description = "Reads the neural recordings and the pen velocity per 10 ms bin that `dataset strokes` writes "
                + "(DIR/train.h5 + train-velocity.h5, test.h5 + test-velocity.h5). Fits, on the training trials: "
                + "the liquid's regression read-out (a carried NEURAL_BMI reservoir, 2048 neurons, stepped bin by "
                + "bin from rest at each trial's start, its rates over the latest bins -> ridge regression, as the "
                + "service decodes), the Wiener filter (ridge regression from each electrode's binned counts over "
                + "the latest lags) and the Kalman filter (velocity state, linear observation of the counts, least "
                + "squares). Every setting and ridge penalty is chosen on a fifth of the training trials; the chosen "
                + "fit is refitted on all of them and scored once on the test trials: R2 and correlation per axis "
                + "over every bin of every test trial. See docs/continuous-decoding.md for more.")
final class DecodeEvalCommand implements Callable<Integer> {

    @Option(names = "--neural", required = true, paramLabel = "DIR",
            description = "Folder of the recordings and their velocity (dataset strokes' OUT/neural).")
    Path neural;

    @Option(names = "--train-per-class", defaultValue = "30",
            description = "Training trials per class (the first of each). Default: ${DEFAULT-VALUE}.")
    int trainPerClass;

    @Option(names = "--test-per-class", defaultValue = "10",
            description = "Test trials per class (the first of each). Default: ${DEFAULT-VALUE}.")
    int testPerClass;

    @Mixin
    SeedOption seed;

    @Mixin
    DeviceOption weights;

    @Mixin
    NeuralChannelsOption electrodes;

    @Option(names = "--no-kalman", description = "Skip the Kalman filter.")
    boolean noKalman;

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        int channels = electrodes.neuralChannels;
        if (trainPerClass < 2 || testPerClass < 1) {
            throw new IllegalArgumentException("--train-per-class must be at least 2 and --test-per-class at least 1, "
                    + "found " + trainPerClass + " and " + testPerClass);
        }
        List<DecodingTrial> train = VelocityRecordings.read(neural, "train", channels, trainPerClass);
        List<DecodingTrial> test = VelocityRecordings.read(neural, "test", channels, testPerClass);
        List<String> names = VelocityRecordings.names(neural, "train");
        InputSpec input = channels == 192 ? InputSpec.neuralBmi() : new InputSpec("neural-" + channels,
                EventTransform.identity(), new FixedBinning(201), SensorGeometry.channels(channels));
        LifReservoir reservoir = new LifReservoir(ReservoirPreset.NEURAL_BMI.spec(seed.seed).withInputs(channels),
                weights.device.weights());
        ContinuousDecoding.Settings settings = ContinuousDecoding.Settings.defaults();
        if (noKalman) {
            settings = new ContinuousDecoding.Settings(settings.liquidBins(), settings.liquidSegments(),
                    settings.wiener(), List.of(), settings.validationFraction(), settings.trainStride(), settings.seed());
        }
        PrintWriter err = spec.commandLine().getErr();
        ContinuousDecoding.Report report = ContinuousDecoding.run(train, test, input, reservoir, names, settings,
                line -> {
                    err.println("eval decode: " + line);
                    err.flush();
                });
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json() ? Json.line(json(report)) : table(report));
        out.flush();
        return 0;
    }

    private static String table(ContinuousDecoding.Report r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("continuous decoding of %s: %d training trials, %d test trials (%d bins of 10 ms)%n",
                String.join(", ", r.targets()), r.trainTrials(), r.testTrials(), r.testBins()));
        s.append(String.format("%-16s", "method"));
        for (String t : r.targets()) {
            s.append(String.format(" %8s %8s", "R2 " + t, "r " + t));
        }
        s.append("  setting (chosen on validation trials)\n");
        for (ContinuousDecoding.Method m : r.methods()) {
            s.append(String.format("%-16s", m.name()));
            for (int k = 0; k < r.targets().size(); k++) {
                s.append(String.format(" %8.3f %8.3f", m.test().r2()[k], m.test().correlation()[k]));
            }
            s.append("  ").append(m.setting());
            if (!Double.isNaN(m.penalty())) {
                s.append(", ridge ").append(m.penalty());
            }
            s.append('\n');
        }
        return s.toString().stripTrailing();
    }

    private static Map<String, Object> json(ContinuousDecoding.Report r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targets", r.targets());
        out.put("trainTrials", r.trainTrials());
        out.put("testTrials", r.testTrials());
        out.put("testBins", r.testBins());
        List<Map<String, Object>> methods = new ArrayList<>();
        for (ContinuousDecoding.Method m : r.methods()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", m.name());
            row.put("setting", m.setting());
            row.put("penalty", Double.isNaN(m.penalty()) ? null : m.penalty());
            row.put("features", m.features());
            row.put("r2", perTarget(r.targets(), m.test().r2()));
            row.put("correlation", perTarget(r.targets(), m.test().correlation()));
            row.put("validationR2", perTarget(r.targets(), m.validation().r2()));
            methods.add(row);
        }
        out.put("methods", methods);
        return out;
    }

    private static Map<String, Double> perTarget(List<String> names, double[] values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            out.put(names.get(k), Json.round(values[k], 4));
        }
        return out;
    }
}

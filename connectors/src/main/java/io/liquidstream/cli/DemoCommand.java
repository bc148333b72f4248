package io.liquidstream.cli;

import io.liquidstream.connectors.datasets.ReadoutSegments;
import io.liquidstream.connectors.demo.DemoReport;
import io.liquidstream.connectors.demo.DemoTraining;
import io.liquidstream.connectors.demo.OfflineDemo;
import io.liquidstream.connectors.demo.StreamingDemo;
import io.liquidstream.core.evaluation.LinearProbeRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code liquidstream demo}: the main job on built-in data. By default the streaming product end to end
 * ({@link StreamingDemo}); with {@code --offline}, the offline encode-and-probe pipeline ({@link OfflineDemo}).
 */
@Command(name = "demo", header = "Everything on built-in data: broker, model, service, sources, view.", mixinStandardHelpOptions = true,
        description = {
            "Runs the streaming service on built-in data, with nothing to download: starts an embedded Kafka broker, "
                + "trains (or loads, --model) neural and vision projection heads on handwritten digits 0-7, starts the "
                + "service, streams simulated motor-cortex (BMI) recordings and event-camera views of the same pen "
                + "trials in real time, registers anchors (held-out trials, both modalities) for the never-trained "
                + "digits 8-9 a third of the way in, and prints a live view (events/s, latency p50/p99, rolling "
                + "association and open-set zero-shot accuracy) and a summary. The live view in the browser (its URL "
                + "is printed) shows the events, the reservoir, the embedding space and the associations as they "
                + "happen, and registers classes.",
            "With --offline: the offline pipeline instead (each modality encoded by its reservoir, linear probes)."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "60s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to stream. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--sources", defaultValue = "4",
            description = "Source groups, each a neural array and a camera watching the same pen. Default: ${DEFAULT-VALUE}.")
    int sources;

    @Option(names = "--rate", defaultValue = "1",
            description = "Playback speed of the simulated sources (1 = real time, 2 = twice as fast). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Serve this model bundle (train --pair neural=...,vision=...) instead of training one.")
    Path model;

    @Option(names = "--train-per-class", defaultValue = "60",
            description = "Training trials per class for the built-in model. Default: ${DEFAULT-VALUE}.")
    int trainPerClass;

    @Option(names = "--test-per-class", defaultValue = "40",
            description = "Test trials per class (streamed, or held out as zero-shot anchors). Default: ${DEFAULT-VALUE}.")
    int testPerClass;

    @Option(names = "--anchor-trials", defaultValue = "5",
            description = "Held-out trials per zero-shot class registered as anchors, in each modality. Default: ${DEFAULT-VALUE}.")
    int anchorTrials;

    @Option(names = "--epochs", description = "Training epochs (default 60), or probe epochs with --offline (default 100).")
    Integer epochs;

    @Option(names = "--segments", paramLabel = "K|M=K,M=K", description = OptionTexts.SEGMENTS + " Applies to the built-in model.")
    String segments;

    @Option(names = "--no-open-set",
            description = "Built-in model without the open-set calibration (saves its extra training run, about a "
                    + "third of the model's start-up).")
    boolean noOpenSet;

    @Option(names = "--metrics-port", defaultValue = "0", paramLabel = "PORT",
            description = OptionTexts.METRICS_PORT + " The demo's binds 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(names = "--ui-port", defaultValue = "8080", paramLabel = "PORT",
            description = OptionTexts.UI_PORT + " The demo's binds 127.0.0.1 and takes any free port when the "
                    + "default is taken. Default: ${DEFAULT-VALUE}.")
    int uiPort;

    @Option(names = "--no-view", description = "Do not serve the live view.")
    boolean noView;

    @Mixin
    SeedOption seed;

    @Mixin
    JsonOption output;

    @Option(names = "--offline", description = "Run the offline encode + linear probe pipeline instead of streaming.")
    boolean offline;

    @Option(names = "--per-class", defaultValue = "100", description = "--offline: training trials per class. Default: ${DEFAULT-VALUE}.")
    int perClass;

    @Option(names = "--lr", defaultValue = "1e-3", description = "--offline: probe learning rate (Adam, batch 100). Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Mixin
    DeviceOption reservoir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (offline) {
            OfflineDemo.Settings settings = new OfflineDemo.Settings(perClass, testPerClass, epochs != null ? epochs : 100,
                    learningRate, seed.seed, reservoir.device);
            OfflineDemo.Result r = OfflineDemo.run(settings, output::progress);
            output.print(out, () -> offlineFields(r), o -> offlineReport(o, settings, r));
            return 0;
        }
        if (duration.isNegative() || duration.isZero() || sources <= 0 || !(rate > 0) || trainPerClass <= 0
                || testPerClass <= anchorTrials || anchorTrials <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "expected a positive --duration, --sources, "
                    + "--rate, --train-per-class and --anchor-trials, and --test-per-class above --anchor-trials; found "
                    + DurationConverter.format(duration) + ", " + sources + ", " + rate + ", " + trainPerClass + ", " + anchorTrials + " and "
                    + testPerClass);
        }
        StreamingDemo.Settings settings = new StreamingDemo.Settings(duration, sources, rate, model, testPerClass,
                anchorTrials, seed.seed, metricsPort, output.json(), noView ? null : uiPort);
        DemoTraining builtIn = new DemoTraining(trainPerClass, epochs != null ? epochs : 60, ReadoutSegments.parse(segments),
                seed.seed, reservoir.device, !noOpenSet, output::progress);
        DemoReport report = new StreamingDemo(settings, builtIn, out).run();
        output.print(out, report::json, report::table);
        return 0;
    }

    private Map<String, Object> offlineFields(OfflineDemo.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("visionAccuracy", Json.round(r.vision().testAccuracy(), 2));
        m.put("neuralAccuracy", Json.round(r.neural().testAccuracy(), 2));
        m.put("classes", OfflineDemo.CLASSES);
        m.put("trainSamples", r.vision().trainSamples());
        m.put("testSamples", r.vision().testSamples());
        m.put("device", reservoir.device.name());
        m.put("seconds", Json.round(r.seconds(), 1));
        return m;
    }

    private static void offlineReport(PrintWriter out, OfflineDemo.Settings s, OfflineDemo.Result r) {
        out.println("LiquidStream demo (offline): built-in handwriting, fixed random reservoirs, linear probes");
        out.printf("  data          %d train / %d test trials per modality, 10 digit classes (chance 10 %%)%n",
                r.vision().trainSamples(), r.vision().testSamples());
        out.printf("  read-out      softmax, Adam lr %g, batch 100, %d epochs, final epoch reported%n",
                s.learningRate(), s.epochs());
        probeRow(out, "vision", "event camera 34x34 -> crop 16x16 ON -> 50 bins -> 200 LIF", r.vision());
        probeRow(out, "neural", "192 electrodes -> 201 bins -> 2048 LIF", r.neural());
        out.printf("  time          %.1f s%n", r.seconds());
    }

    private static void probeRow(PrintWriter out, String name, String path, LinearProbeRun.Outcome o) {
        out.printf("  %-13s %s%n", name, path);
        out.printf("  %-13s test %.2f %%, train %.2f %%, mean firing rate %.4f%n", "", o.testAccuracy(), o.trainAccuracy(),
                o.meanFiringRate());
    }
}

package io.liquidstream.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code liquidstream demo}: the main job on built-in data. By default the streaming product end to end
 * ({@link StreamingDemo}); with {@code --offline}, the offline encode-and-probe pipeline ({@link OfflineDemo}).
 */
@Command(name = "demo", header = "The main job on built-in data: broker, model, service and live sources, with a live view.", mixinStandardHelpOptions = true,
        description = {
            "Runs the streaming service on built-in data, with nothing to download: starts an embedded Kafka broker,",
            "trains (or loads, --model) neural and vision projection heads on handwritten digits 0-7, starts the service,",
            "streams simulated motor-cortex (BMI) recordings and event-camera views of the same pen trials in real",
            "time, registers anchors (held-out trials, both modalities) for the never-trained digits 8-9 a third of",
            "the way in, and prints a live view (events/s, latency p50/p99, rolling association and open-set",
            "zero-shot accuracy) and a summary. The live view in the browser (its URL is printed) shows the events,",
            "the reservoir, the embedding space and the associations as they happen, and registers classes.",
            "With --offline: the offline pipeline instead (each modality encoded by its reservoir, linear probes)."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long to stream, e.g. 60s, 2m, 500ms. Default: ${DEFAULT-VALUE}.")
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

    @Option(names = "--segments", paramLabel = "K|M=K,M=K", description = ReadoutSegments.HELP + " Applies to the built-in model.")
    String segments;

    @Option(names = "--no-open-set",
            description = "Built-in model without the open-set calibration (saves its extra training run, about a "
                    + "third of the model's start-up).")
    boolean noOpenSet;

    @Option(names = "--metrics-port", defaultValue = "0",
            description = "Serve Prometheus metrics on 127.0.0.1:PORT while running (0: off). Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(names = "--ui-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the live view in the browser, on 127.0.0.1 (0: any free port; when the default is "
                    + "taken, any free one). Default: ${DEFAULT-VALUE}.")
    int uiPort;

    @Option(names = "--no-view", description = "Do not serve the live view.")
    boolean noView;

    @Option(names = "--seed", defaultValue = "0", description = "Reservoir, training and shuffling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", description = "Print only the summary, as one JSON line.")
    boolean json;

    @Option(names = "--offline", description = "Run the offline encode + linear probe pipeline instead of streaming.")
    boolean offline;

    @Option(names = "--per-class", defaultValue = "100", description = "--offline: training trials per class. Default: ${DEFAULT-VALUE}.")
    int perClass;

    @Option(names = "--lr", defaultValue = "1e-3", description = "--offline: probe learning rate (Adam, batch 100). Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--device", defaultValue = "ideal",
            description = "--offline: reservoir weights, ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    DeviceKind device;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (offline) {
            new OfflineDemo(new OfflineDemo.Settings(perClass, testPerClass, epochs != null ? epochs : 100, learningRate,
                    seed, device, json)).run(out);
            return 0;
        }
        if (duration.isNegative() || duration.isZero() || sources <= 0 || !(rate > 0) || trainPerClass <= 0
                || testPerClass <= anchorTrials || anchorTrials <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "expected a positive --duration, --sources, "
                    + "--rate, --train-per-class and --anchor-trials, and --test-per-class above --anchor-trials; found "
                    + duration + ", " + sources + ", " + rate + ", " + trainPerClass + ", " + anchorTrials + " and "
                    + testPerClass);
        }
        StreamingDemo.Settings settings = new StreamingDemo.Settings(duration, sources, rate, model, trainPerClass,
                testPerClass, anchorTrials, epochs != null ? epochs : 60, ReadoutSegments.parse(segments), seed, metricsPort,
                json, !noOpenSet, noView ? null : uiPort);
        DemoReport report = new StreamingDemo(settings, out).run();
        if (json) {
            out.println(Json.line(report.json()));
        } else {
            report.table(out);
        }
        out.flush();
        return 0;
    }

    /** Durations as {@code 60s}, {@code 2m}, {@code 500ms}, {@code 1h}, or ISO-8601 ({@code PT1M}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("pt")) {
                    return Duration.parse(v.toUpperCase(Locale.ROOT));
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                switch (v.charAt(v.length() - 1)) {
                    case 's': return Duration.ofSeconds(n);
                    case 'm': return Duration.ofMinutes(n);
                    case 'h': return Duration.ofHours(n);
                    default: break;
                }
            } catch (RuntimeException e) {
                // reported below with the expected forms
            }
            throw new picocli.CommandLine.TypeConversionException("expected a duration like 60s, 2m, 500ms or PT1M, found '"
                    + value + "'");
        }
    }
}

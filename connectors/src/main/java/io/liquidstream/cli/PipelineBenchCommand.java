package io.liquidstream.cli;

import static io.liquidstream.connectors.bench.PipelineBenchmark.Latency.Figure.P50;
import static io.liquidstream.connectors.bench.PipelineBenchmark.Latency.Figure.P999;
import static io.liquidstream.connectors.bench.PipelineBenchmark.Latency.Figure.P99;

import io.liquidstream.connectors.bench.BenchModel;
import io.liquidstream.connectors.bench.JfrProfile;
import io.liquidstream.connectors.bench.PipelineBenchmark;
import io.liquidstream.core.bundle.ModelBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liquidstream bench pipeline}: the service end to end against the bare Kafka substrate. */
@Command(name = "pipeline", header = "Service throughput and latency beside the bare Kafka substrate.",
        mixinStandardHelpOptions = true,
        description = {
            "On an embedded broker (or --bootstrap-servers), over fresh topics of this run, deleted after it:",
            "  1. backlog:   writes --backlog-events of synthetic samples to the input topic",
            "  2. warm-up:   copies them once and lets the service (in this process) drain",
            "                them once, untimed, so the JIT has compiled the hot paths",
            "  3. substrate: copies them with a plain consumer and producer, no decoding:",
            "                the bare Kafka rate",
            "  4. maximum:   writes a second backlog and lets a second service instance",
            "                drain it: the highest rate (rates are taken between 10%% and",
            "                90%% of the records)",
            "  5. load:      sends samples steadily at --events-per-second (default: half",
            "                the maximum), untimed for --warmup, then for --duration, and",
            "                measures each sample's latency: first packet handed to the",
            "                producer -> its association read back from the output topic",
            "A sample's packets are sent back to back, as a recording is replayed, so the latency is the pipeline's, "
                + "not the sample's length. CPU and heap are this JVM's, the embedded broker included. The default "
                + "model has the seed's vision<->audio shapes with untrained heads (--model serves yours).",
            ""
        })
final class PipelineBenchCommand implements Callable<Integer> {

    @Option(names = "--events-per-second", defaultValue = "0", paramLabel = "R",
            description = "Rate of the load phase; 0: half the measured maximum. Default: ${DEFAULT-VALUE}.")
    double eventsPerSecond;

    @Option(names = "--duration", defaultValue = "20s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the load phase is measured. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the load runs untimed before --duration is measured. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--sources", defaultValue = "32", paramLabel = "K",
            description = "Sources taking turns (Kafka keys). Default: ${DEFAULT-VALUE}.")
    int sources;

    @Option(names = "--backlog-events", defaultValue = "6000000", paramLabel = "N",
            description = "Events drained by the substrate and maximum phases. Default: ${DEFAULT-VALUE}.")
    long backlogEvents;

    @Option(names = "--events-per-sample", defaultValue = "4000",
            description = "Events per sample (N-MNIST: ~4,000 over 300 ms). Default: ${DEFAULT-VALUE}.")
    int eventsPerSample;

    @Option(names = "--packet-events", defaultValue = "1000",
            description = "Events per packet (Kafka record). Default: ${DEFAULT-VALUE}.")
    int packetEvents;

    @Option(names = "--sample-length", defaultValue = "300ms", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Length of a sample on the source clock. Default: ${DEFAULT-VALUE}.")
    Duration sampleLength;

    /** The spelling before durations took units ({@code --sample-ms 300}); wins when given. */
    @Option(names = "--sample-ms", hidden = true, paramLabel = "MS")
    Long sampleMillis;

    @Option(names = "--partitions", defaultValue = "4",
            description = "Partitions of the run's topics. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--rails", defaultValue = "0",
            description = "The service's rails (parallel lanes); 0: one per core. Default: ${DEFAULT-VALUE}.")
    int rails;

    @Option(names = "--delivery", defaultValue = "at-least-once",
            description = "at-least-once or exactly-once. Default: ${DEFAULT-VALUE}.")
    String delivery;

    @Option(names = "--model", paramLabel = "FILE", description = "Model bundle to serve instead of the default.")
    Path model;

    @Option(names = "--modality", defaultValue = "vision",
            description = "Modality of the synthetic samples. Default: ${DEFAULT-VALUE}.")
    String modality;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Record the maximum and load phases with Java Flight Recorder and summarise where the time goes.")
    Path profile;

    @Mixin
    SeedOption seed;

    @Option(names = "--view", description = "Run the live view, with one page open on a source, during the maximum and "
            + "load phases: its cost on the pipeline is the difference to a run without.")
    boolean view;

    @Mixin
    BenchRun run;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!delivery.equals("at-least-once") && !delivery.equals("exactly-once")) {
            throw new IllegalArgumentException("--delivery must be at-least-once or exactly-once, found '" + delivery + "'");
        }
        if (sampleMillis != null) {
            sampleLength = Duration.ofMillis(sampleMillis);
        }
        if (duration.isNegative() || duration.isZero() || warmup.isNegative() || sampleLength.toNanos() < 1_000) {
            throw new IllegalArgumentException("--duration must be positive, --warmup not negative and --sample-length "
                    + "at least 1us, found " + DurationConverter.format(duration) + ", " + DurationConverter.format(warmup)
                    + " and " + DurationConverter.format(sampleLength));
        }
        ModelBundle bundle = model != null ? ModelBundle.read(model) : BenchModel.bundle(seed.seed);
        PipelineBenchmark.Settings settings = new PipelineBenchmark.Settings(run.bootstrapServers(), run.clientConfig(), bundle,
                modality, sources, eventsPerSample, packetEvents, Math.toIntExact(sampleLength.toNanos() / 1_000), backlogEvents,
                eventsPerSecond, warmup, duration, partitions, delivery.equals("exactly-once"), rails, profile, seed.seed, view);
        PipelineBenchmark.Result r = new PipelineBenchmark(settings, run.progress()).run();
        run.print(() -> fields(r), out -> report(out, r));
        return 0;
    }

    private static Map<String, Object> fields(PipelineBenchmark.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventsPerSecond", Math.round(r.eventsPerSecond()));
        r.endToEnd().putMillis(m, "latency", P50, P99, P999);
        m.put("substrateEventsPerSecond", Math.round(r.substrateEventsPerSecond()));
        m.put("ratioToSubstrate", Json.round(r.ratioToSubstrate(), 3));
        m.put("loadEventsPerSecond", Math.round(r.loadTargetEventsPerSecond()));
        m.put("loadInputEventsPerSecond", Math.round(r.loadInputEventsPerSecond()));
        m.put("loadOutputEventsPerSecond", Math.round(r.loadOutputEventsPerSecond()));
        r.ingress().putMillis(m, "ingressLatency", P50, P99);
        r.service().putMillis(m, "serviceLatency", P50, P99);
        r.egress().putMillis(m, "egressLatency", P50, P99);
        m.put("backlogEvents", r.backlogEvents());
        m.put("backlogWriteEventsPerSecond", Math.round(r.backlogWriteEventsPerSecond()));
        m.put("loadSamples", r.loadSamples());
        m.put("unanswered", r.unanswered());
        m.put("duplicates", r.duplicates());
        m.put("deadLetters", Math.round(r.deadLetters()));
        m.put("cpuCoresAtMaximum", Json.round(r.maximumUsage().cpuCores(), 2));
        m.put("cpuCoresAtLoad", Json.round(r.loadUsage().cpuCores(), 2));
        m.put("heapMaxMiB", mib(r.heapMaxBytes()));
        m.put("heapAfterGcMaxMiB", mib(r.heapAfterGcMaxBytes()));
        m.put("threadCoresAtMaximum", r.maximumUsage().threadCores());
        m.put("threadCoresAtLoad", r.loadUsage().threadCores());
        if (r.profileFile() != null) {
            m.put("profile", r.profileFile().toString());
            m.put("profileThreads", r.profile().threads());
            m.put("profileMethods", r.profile().methods());
        }
        return m;
    }

    private static void report(PrintWriter out, PipelineBenchmark.Result r) {
        out.println();
        out.printf("pipeline maximum      %,12.0f events/s  (%.2f cores busy, GC %.1f s)%n", r.eventsPerSecond(),
                r.maximumUsage().cpuCores(), r.maximumUsage().gcSeconds());
        out.printf("bare substrate        %,12.0f events/s  (plain consumer -> producer copy)%n",
                r.substrateEventsPerSecond());
        out.printf("ratio to substrate    %12.3f%n", r.ratioToSubstrate());
        out.printf("load                  %,12.0f events/s target, %,.0f in, %,.0f out (%d samples, %.2f cores busy)%n",
                r.loadTargetEventsPerSecond(), r.loadInputEventsPerSecond(), r.loadOutputEventsPerSecond(),
                r.loadSamples(), r.loadUsage().cpuCores());
        out.printf("latency end to end    p50 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  max %.1f ms%n", r.endToEnd().p50(),
                r.endToEnd().p99(), r.endToEnd().p999(), r.endToEnd().max());
        out.printf("  ingress             p50 %.1f ms  p99 %.1f ms  (first packet sent -> received by the service)%n",
                r.ingress().p50(), r.ingress().p99());
        out.printf("  in service          p50 %.1f ms  p99 %.1f ms  (-> association emitted)%n", r.service().p50(),
                r.service().p99());
        out.printf("  egress              p50 %.1f ms  p99 %.1f ms  (-> association read back)%n", r.egress().p50(),
                r.egress().p99());
        out.printf("heap                  max %d MiB in use, max %d MiB after GC%n", mib(r.heapMaxBytes()),
                mib(r.heapAfterGcMaxBytes()));
        out.printf("answers               %d unanswered, %d duplicates, %.0f dead letters%n", r.unanswered(),
                r.duplicates(), r.deadLetters());
        out.printf("%nCPU by Java thread, cores     at maximum   at load   (the rest: JIT, GC, kernel)%n");
        java.util.Set<String> names = new java.util.LinkedHashSet<>(r.maximumUsage().threadCores().keySet());
        names.addAll(r.loadUsage().threadCores().keySet());
        for (String name : names) {
            out.printf("  %-28s %10.3f %9.3f%n", name.length() > 28 ? name.substring(0, 28) : name,
                    r.maximumUsage().threadCores().getOrDefault(name, 0.0),
                    r.loadUsage().threadCores().getOrDefault(name, 0.0));
        }
        if (r.profile() != null) {
            JfrProfile.Summary p = r.profile();
            out.printf("%nwhere the time goes (%d CPU samples; recording: %s)%n", p.samples(), r.profileFile());
            out.println("  by thread:");
            p.threads().forEach((k, v) -> out.printf("    %5.1f %%  %s%n", v, k));
            out.println("  by method on top of the stack:");
            p.methods().forEach((k, v) -> out.printf("    %5.1f %%  %s%n", v, k));
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}

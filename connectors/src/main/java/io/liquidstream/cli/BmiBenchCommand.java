package io.liquidstream.cli;

import static io.liquidstream.connectors.bench.PipelineBenchmark.Latency.Figure.MAX;
import static io.liquidstream.connectors.bench.PipelineBenchmark.Latency.Figure.P50;
import static io.liquidstream.connectors.bench.PipelineBenchmark.Latency.Figure.P999;
import static io.liquidstream.connectors.bench.PipelineBenchmark.Latency.Figure.P99;

import io.liquidstream.connectors.bench.BmiBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liquidstream bench bmi}: closed-loop decoding latency of simulated recording rigs. */
@Command(name = "bmi", header = "Closed-loop decoding latency, spikes to Decoded records.",
        mixinStandardHelpOptions = true,
        description = {
            "On an embedded broker (or --bootstrap-servers), over fresh topics of this run: starts a service in this "
                + "process that decodes a neural modality continuously (a carried 2048-neuron liquid, a read-out every "
                + "--hop, a random 2-D velocity decoder), waits until it has joined its consumer group, then streams "
                + "--sources simulated rigs in real time (--channels cosine-tuned Poisson units each, one packet per "
                + "--bin) and reads the Decoded records back. A hop's latency runs from the packet holding its last "
                + "spike handed to the producer to its Decoded record read back. CPU is this JVM's, the embedded "
                + "broker included; the load average is the machine's.",
            "--find-max-sources runs 1, 2, 4, ... sources until the p99 exceeds --p99-target and reports the "
                + "largest count that held it.",
            ""
        })
final class BmiBenchCommand implements Callable<Integer> {

    @Option(names = "--channels", defaultValue = "192", description = "Electrodes per rig. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--bin", defaultValue = "1ms", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Bin of the rigs' packets and of the liquid. Default: ${DEFAULT-VALUE}.")
    Duration bin;

    /** The spelling ({@code --bin-ms 10}); wins when given. */
    @Option(names = "--bin-ms", hidden = true, paramLabel = "MS")
    Long binMillis;

    @Option(names = "--hop", defaultValue = "10ms", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time between read-outs, a whole number of bins. Default: ${DEFAULT-VALUE}.")
    Duration hop;

    /** The spelling ({@code --hop-ms 20}); wins when given. */
    @Option(names = "--hop-ms", hidden = true, paramLabel = "MS")
    Long hopMillis;

    @Option(names = "--sources", defaultValue = "4", paramLabel = "K", description = "Rigs. Default: ${DEFAULT-VALUE}.")
    int sources;

    @Option(names = "--warmup", defaultValue = "30s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the rigs stream before each run's measurement starts: the JIT compiler of "
                    + "the bench's one JVM (broker, rigs, service, reader) takes about half a minute; 0s measures "
                    + "a cold start. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "20s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the rigs stream (each run of a search). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--no-watermark", description = "Rig packets without a watermark: a hop then waits for the "
            + "next bin's spikes to close.")
    boolean noWatermark;

    @Option(names = "--find-max-sources", description = "Search the most sources that hold --p99-target.")
    boolean findMaxSources;

    @Option(names = "--p99-target", defaultValue = "10ms", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The p99 a search must hold. Default: ${DEFAULT-VALUE}.")
    Duration p99Target;

    @Option(names = "--max-sources", defaultValue = "64", paramLabel = "K",
            description = "Where a search stops. Default: ${DEFAULT-VALUE}.")
    int maxSources;

    @Option(names = "--service-setting", paramLabel = "KEY=VALUE",
            description = "A service setting over the bench's (repeatable), as in the service's config file. "
                    + "The bench sets these itself:%nproducer.linger.ms=0%nconsumer.fetch.max.wait.ms=5%n"
                    + "and warmup.ms=0 turns the warm-up off.")
    Map<String, String> serviceSettings = new LinkedHashMap<>();

    @Mixin
    SeedOption seed;

    @Mixin
    BenchRun run;

    @Override
    public Integer call() throws IOException, InterruptedException {
        long binMicros = binMillis != null ? binMillis * 1000 : bin.toNanos() / 1000;
        long hopMicros = hopMillis != null ? hopMillis * 1000 : hop.toNanos() / 1000;
        BmiBenchmark.Settings settings = new BmiBenchmark.Settings(run.bootstrapServers(), run.clientConfig(),
                channels, binMicros,
                hopMicros, sources, warmup, duration, new LinkedHashMap<>(serviceSettings), seed.seed, !noWatermark);
        BmiBenchmark bench = new BmiBenchmark(settings, run.progress());
        if (findMaxSources) {
            double target = p99Target.toNanos() / 1e6;
            BmiBenchmark.Search search = bench.findMaxSources(target, maxSources);
            run.print(() -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("maxSources", search.maxSources());
                m.put("p99TargetMs", target);
                m.put("runs", search.runs().stream().map(BmiBenchCommand::fields).toList());
                return m;
            }, out -> {
                search.runs().forEach(r -> report(out, r));
                out.printf("%nmost sources holding p99 <= %s: %d%n", DurationConverter.format(p99Target),
                        search.maxSources());
            });
        } else {
            BmiBenchmark.Result r = bench.run();
            run.print(() -> fields(r), out -> report(out, r));
        }
        return 0;
    }

    private static Map<String, Object> fields(BmiBenchmark.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channels", r.settings().channels());
        m.put("binMs", r.settings().binMicros() / 1000.0);
        m.put("hopMs", r.settings().hopMicros() / 1000.0);
        m.put("sources", r.settings().sources());
        m.put("watermarks", r.settings().watermarks());
        m.put("warmupSeconds", r.settings().warmup().toMillis() / 1000.0);
        r.latency().putMillis(m, "latency", P50, P99, P999, MAX);
        r.firstSeconds().putMillis(m, "firstSeconds", P99);
        r.later().putMillis(m, "later", P99);
        r.fromClose().putMillis(m, "fromClose", P50, P99);
        r.ingress().putMillis(m, "ingress", P50, P99);
        r.service().putMillis(m, "service", P50, P99);
        r.egress().putMillis(m, "egress", P50, P99);
        m.put("packetsSent", r.packetsSent());
        m.put("spikesPerSecond", Math.round(r.spikesPerSecond()));
        m.put("decoded", r.decoded());
        m.put("decodedPerSecond", Json.round(r.decodedPerSecond(), 1));
        m.put("unmatched", r.unmatched());
        m.put("cpuCores", Json.round(r.usage().cpuCores(), 2));
        m.put("threadCores", r.usage().threadCores());
        m.put("loadAverage", Json.round(r.loadAverage(), 2));
        Map<String, Object> settings = new java.util.TreeMap<>(BmiBenchmark.CLOSED_LOOP);
        settings.putAll(r.settings().service());
        m.put("serviceSettings", settings);
        return m;
    }

    private static void report(PrintWriter out, BmiBenchmark.Result r) {
        out.println();
        out.printf("%d channels, bins of %.0f ms, a read-out every %.0f ms, %d source(s)%n", r.settings().channels(),
                r.settings().binMicros() / 1000.0, r.settings().hopMicros() / 1000.0, r.settings().sources());
        out.printf("latency (last spike of a hop sent -> Decoded read back)  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  "
                + "max %.2f ms%n", r.latency().p50(), r.latency().p99(), r.latency().p999(), r.latency().max());
        out.printf("  first %d s p99 %.2f ms, later p99 %.2f ms%n", BmiBenchmark.FIRST_SECONDS.toSeconds(),
                r.firstSeconds().p99(), r.later().p99());
        out.printf("  from the packet closing the hop                      p50 %.2f ms  p99 %.2f ms%n",
                r.fromClose().p50(), r.fromClose().p99());
        out.printf("    ingress (-> hop stepped)  p50 %.2f ms  p99 %.2f ms%n", r.ingress().p50(), r.ingress().p99());
        out.printf("    in service (-> emitted)   p50 %.2f ms  p99 %.2f ms%n", r.service().p50(), r.service().p99());
        out.printf("    egress (-> read back)     p50 %.2f ms  p99 %.2f ms%n", r.egress().p50(), r.egress().p99());
        out.printf("sent %,d packets (%,.0f spikes/s); %,d read-outs (%.1f/s), %d unmatched%n", r.packetsSent(),
                r.spikesPerSecond(), r.decoded(), r.decodedPerSecond(), r.unmatched());
        out.printf("CPU %.2f cores (this JVM, broker included); load average %.2f%n", r.usage().cpuCores(),
                r.loadAverage());
    }
}

package io.liquidstream.cli;

import io.liquidstream.connectors.bench.IngestBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liquidstream bench ingest}: live ingest rate and UDP loss under overload. */
@Command(name = "ingest", header = "Ingest rate of live UDP or TCP events into Kafka, and UDP loss under overload.",
        mixinStandardHelpOptions = true,
        description = "A sender in this JVM streams synthetic 640x480 camera events on loopback to the ingester for"
            + " --duration, at --events-per-second or as fast as it can (0); the ingester sends them to a fresh topic"
            + " (embedded broker, or --bootstrap-servers). Reports events/s delivered and, for UDP, the datagrams lost"
            + " in the kernel (receive buffer full) and dropped by the ingester (hand-off full).")
final class IngestBenchCommand implements Callable<Integer> {

    @Option(names = "--transport", defaultValue = "udp", description = "udp or tcp. Default: ${DEFAULT-VALUE}.")
    String transport;

    @Option(names = "--events-per-second", defaultValue = "0", paramLabel = "R",
            description = "The sender's rate; 0: as fast as it can. Default: ${DEFAULT-VALUE}.")
    long eventsPerSecond;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "How long to send. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--events-per-datagram", defaultValue = "100", paramLabel = "N",
            description = "UDP: events per t64_x16_y16_on8 datagram (faery's default). Default: ${DEFAULT-VALUE}.")
    int eventsPerDatagram;

    @Option(names = "--queue", defaultValue = "4096", paramLabel = "DATAGRAMS",
            description = "UDP: the ingester's hand-off. Default: ${DEFAULT-VALUE}.")
    int queue;

    @Option(names = "--receive-buffer", defaultValue = "8388608", paramLabel = "BYTES",
            description = "UDP: socket receive buffer asked of the kernel. Default: ${DEFAULT-VALUE}.")
    int receiveBuffer;

    @Option(names = "--packet-events", defaultValue = "1000", paramLabel = "N",
            description = "Most events per EventPacket. Default: ${DEFAULT-VALUE}.")
    int packetEvents;

    @Option(names = {"--bootstrap-servers", "--bootstrap"}, paramLabel = "HOST:PORT",
            description = "An existing cluster instead of the embedded broker.")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "F", description = "Kafka client properties (e.g. SASL/TLS).")
    Path kafkaConfig;

    @Option(names = "--json", description = "Print one JSON line instead of the report.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (eventsPerSecond < 0 || duration.isZero() || duration.isNegative() || eventsPerDatagram < 1
                || eventsPerDatagram > 5000 || queue < 1 || packetEvents < 1) {
            throw new IllegalArgumentException("expected --events-per-second >= 0, a positive --duration, 1 to 5000"
                    + " --events-per-datagram and positive --queue and --packet-events");
        }
        Map<String, Object> client = new LinkedHashMap<>();
        if (kafkaConfig != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(kafkaConfig)) {
                p.load(r);
            }
            p.forEach((k, v) -> client.put(k.toString(), v));
        }
        PrintWriter out = spec.commandLine().getOut();
        IngestBenchmark.Result r = new IngestBenchmark(new IngestBenchmark.Settings(bootstrapServers, client,
                transport.toLowerCase(Locale.ROOT), eventsPerSecond, duration, eventsPerDatagram, queue, receiveBuffer,
                packetEvents, 50_000), line -> {
                    if (!json) {
                        out.println(line);
                        out.flush();
                    }
                }).run();
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("transport", r.transport());
            f.put("targetEventsPerSecond", eventsPerSecond);
            f.put("sentEvents", r.sentEvents());
            f.put("sentEventsPerSecond", Math.round(r.sentEventsPerSecond()));
            f.put("deliveredEvents", r.deliveredEvents());
            f.put("deliveredEventsPerSecond", Math.round(r.deliveredEventsPerSecond()));
            f.put("lossPercent", Json.round(r.lossPercent(), 3));
            f.put("sentDatagrams", r.sentDatagrams());
            f.put("receivedDatagrams", r.counts().received());
            f.put("kernelDroppedDatagrams", r.kernelDropped());
            f.put("queueDroppedDatagrams", r.counts().droppedDatagrams());
            f.put("receiveBuffer", r.receiveBuffer());
            f.put("packets", r.deliveredPackets());
            out.println(Json.line(f));
        } else {
            out.println(String.format(Locale.ROOT, "%s: sent %,d events in %.1f s (%,.0f events/s); delivered %,d"
                    + " (%,.0f events/s, %,d packets); lost %.2f %%", r.transport(), r.sentEvents(), r.sendSeconds(),
                    r.sentEventsPerSecond(), r.deliveredEvents(), r.deliveredEventsPerSecond(), r.deliveredPackets(),
                    r.lossPercent()));
            if (r.transport().equals("udp")) {
                out.println(String.format(Locale.ROOT, "udp: %,d datagrams sent, %,d read, %,d lost in the kernel"
                        + " (receive buffer %,d bytes), %,d dropped on a full hand-off", r.sentDatagrams(),
                        r.counts().received(), r.kernelDropped(), r.receiveBuffer(), r.counts().droppedDatagrams()));
            }
        }
        out.flush();
        return 0;
    }
}

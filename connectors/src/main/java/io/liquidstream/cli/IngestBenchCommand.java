package io.liquidstream.cli;

import io.liquidstream.connectors.bench.IngestBenchmark;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liquidstream bench ingest}: live ingest rate and UDP loss under overload. */
@Command(name = "ingest", header = "Live ingest rate into Kafka (UDP, TCP) and UDP loss on overload.",
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

    @Mixin
    UdpBuffers buffers;

    @Mixin
    PacketBounds packets;

    @Mixin
    BenchRun run;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (eventsPerSecond < 0 || duration.isZero() || duration.isNegative() || eventsPerDatagram < 1
                || eventsPerDatagram > 5000 || buffers.queue < 1) {
            throw new IllegalArgumentException("expected --events-per-second >= 0, a positive --duration, 1 to 5000"
                    + " --events-per-datagram and positive --queue");
        }
        IngestBenchmark.Result r = new IngestBenchmark(new IngestBenchmark.Settings(run.bootstrapServers(), run.clientConfig(),
                transport.toLowerCase(Locale.ROOT), eventsPerSecond, duration, eventsPerDatagram, buffers.queue, buffers.receiveBuffer,
                packets.events(), packets.spanMicros()), run.progress()).run();
        run.print(() -> {
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
            return f;
        }, out -> {
            out.println(String.format(Locale.ROOT, "%s: sent %,d events in %.1f s (%,.0f events/s); delivered %,d"
                    + " (%,.0f events/s, %,d packets); lost %.2f %%", r.transport(), r.sentEvents(), r.sendSeconds(),
                    r.sentEventsPerSecond(), r.deliveredEvents(), r.deliveredEventsPerSecond(), r.deliveredPackets(),
                    r.lossPercent()));
            if (r.transport().equals("udp")) {
                out.println(String.format(Locale.ROOT, "udp: %,d datagrams sent, %,d read, %,d lost in the kernel"
                        + " (receive buffer %,d bytes), %,d dropped on a full hand-off", r.sentDatagrams(),
                        r.counts().received(), r.kernelDropped(), r.receiveBuffer(), r.counts().droppedDatagrams()));
            }
        });
        return 0;
    }
}

package io.liquidstream.connectors.bench;

import io.liquidstream.connectors.format.aedat.Aedat4Compression;
import io.liquidstream.connectors.format.aedat.Aedat4Writer;
import io.liquidstream.connectors.ingest.DvTcpFeed;
import io.liquidstream.connectors.ingest.Feed;
import io.liquidstream.connectors.ingest.IngestCounts;
import io.liquidstream.connectors.ingest.IngestStats;
import io.liquidstream.connectors.ingest.KafkaIngest;
import io.liquidstream.connectors.ingest.LivePackets;
import io.liquidstream.connectors.ingest.UdpFeed;
import io.liquidstream.connectors.ingest.UdpFormat;
import io.liquidstream.connectors.replay.KafkaReplay;
import io.liquidstream.connectors.replay.ReplaySpeed;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * How fast {@code ingest} takes live events into Kafka, and what UDP loses under overload. A sender in
 * this JVM (its own thread and socket, on loopback) streams synthetic 640x480 camera events for
 * {@code duration}, at {@code eventsPerSecond} or as fast as it can (0), to the ingester, which sends them
 * to a fresh topic on a broker (embedded, or given). UDP: {@code t64_x16_y16_on8} datagrams of
 * {@code eventsPerDatagram} events; TCP: a DV-style AEDAT 4 stream (uncompressed packets of 4096 events).
 *
 * <p>UDP loss is split by where it happened: in the kernel (sent but never read: the socket's receive buffer
 * overflowed) and in the ingester (read, then dropped because the hand-off to Kafka was full). TCP loses
 * nothing: a slow Kafka slows the sender.
 */
public final class IngestBenchmark {

    /**
     * What to measure.
     *
     * @param bootstrapServers an existing cluster, or null for an embedded broker
     * @param transport {@code udp} or {@code tcp}
     * @param eventsPerSecond the sender's rate, or 0 for as fast as it can
     */
    public record Settings(String bootstrapServers, Map<String, Object> clientProperties, String transport,
            long eventsPerSecond, Duration duration, int eventsPerDatagram, int queue, int receiveBuffer,
            int packetEvents, long packetMicros) {
    }

    /**
     * What happened.
     *
     * @param sentEvents events the sender sent
     * @param sentDatagrams datagrams (UDP) or AEDAT packets (TCP) sent
     * @param sendSeconds how long the sender ran
     * @param deliveredEvents events the broker acknowledged
     * @param deliveredPackets EventPackets the broker acknowledged
     * @param ingestSeconds from the ingester's start to its last acknowledgement
     * @param counts the ingester's own counts
     * @param receiveBuffer the socket receive buffer the kernel granted (UDP)
     */
    public record Result(String transport, long sentEvents, long sentDatagrams, double sendSeconds, long deliveredEvents,
            long deliveredPackets, double ingestSeconds, IngestCounts counts, int receiveBuffer) {

        public double sentEventsPerSecond() {
            return sendSeconds > 0 ? sentEvents / sendSeconds : 0;
        }

        /** Events delivered per second of sending: the ingest rate the sender saw. */
        public double deliveredEventsPerSecond() {
            return sendSeconds > 0 ? deliveredEvents / sendSeconds : 0;
        }

        /** Datagrams sent that the ingester never read (UDP). */
        public long kernelDropped() {
            return Math.max(0, sentDatagrams - counts.received());
        }

        public double lossPercent() {
            return sentEvents > 0 ? 100.0 * (sentEvents - deliveredEvents) / sentEvents : 0;
        }
    }

    private static final SensorGeometry VGA = SensorGeometry.pixels(640, 480);
    private static final int TCP_PACKET_EVENTS = 4096;

    private final Settings settings;
    private final Consumer<String> progress;

    public IngestBenchmark(Settings settings, Consumer<String> progress) {
        if (!settings.transport().equals("udp") && !settings.transport().equals("tcp")) {
            throw new IllegalArgumentException("transport must be udp or tcp, found '" + settings.transport() + "'");
        }
        this.settings = settings;
        this.progress = progress;
    }

    public Result run() throws IOException, InterruptedException {
        return BenchCluster.run(settings.bootstrapServers(), progress, this::run);
    }

    private Result run(String bootstrap) throws IOException, InterruptedException {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.put("bootstrap.servers", bootstrap);
        String topic = "lsm.bench.ingest-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaReplay.Target target = new KafkaReplay.Target(props, topic, ReplaySpeed.MAX, true, 1,
                Duration.ofSeconds(30), 256);
        KafkaReplay.ensureTopic(target);
        IngestStats stats = new IngestStats();
        stats.onNotice(line -> progress.accept("ingest: " + line));
        return settings.transport().equals("udp") ? udp(target, stats) : tcp(target, stats);
    }

    private Result udp(KafkaReplay.Target target, IngestStats stats) throws IOException, InterruptedException {
        UdpFeed feed = UdpFeed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                UdpFormat.T64_X16_Y16_ON8, VGA, settings.receiveBuffer(), stats);
        int granted = feed.receiveBuffer();
        progress.accept(String.format("udp: %,d events per datagram, socket receive buffer %,d bytes granted, hand-off"
                + " of %,d datagrams", settings.eventsPerDatagram(), granted, settings.queue()));
        long[] sent = new long[3];
        KafkaIngest.Result r = ingest(feed, settings.queue(), target, stats, () -> {
            sendDatagrams(feed.localAddress(), sent);
            return sent;
        });
        return new Result("udp", sent[0], sent[1], sent[2] / 1e9, r.sent().events(), r.sent().packets(),
                r.sent().seconds(), r.counts(), granted);
    }

    private Result tcp(KafkaReplay.Target target, IngestStats stats) throws IOException, InterruptedException {
        long[] sent = new long[3];
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DvTcpFeed feed = new DvTcpFeed(InetSocketAddress.createUnresolved("127.0.0.1", server.getLocalPort()), null,
                    Duration.ofSeconds(5), Duration.ofMillis(100), stats);
            Socket[] client = new Socket[1];
            KafkaIngest.Result r;
            try {
                r = ingest(feed, 64, target, stats, () -> {
                    client[0] = server.accept();
                    sendStream(client[0], sent);
                    // kept open until the ingester has read what the socket buffers still hold
                    return sent;
                });
            } finally {
                if (client[0] != null) {
                    client[0].close();
                }
            }
            return new Result("tcp", sent[0], sent[1], sent[2] / 1e9, r.sent().events(), r.sent().packets(),
                    r.sent().seconds(), r.counts(), 0);
        }
    }

    @FunctionalInterface
    private interface Sender {
        /** Sends, returning its totals: events, datagrams or packets, nanoseconds. */
        long[] send() throws IOException, InterruptedException;
    }

    /**
     * Waits until the ingester has read what the kernel still holds for it: every packet sent (TCP loses
     * nothing, so stopping earlier would only discard what is in the socket buffers), or, for UDP, until
     * no datagram came for half a second (the rest were dropped by the kernel).
     */
    private void awaitReader(IngestStats stats, long sentUnits) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long read = stats.snapshot().received();
            if (read >= sentUnits) {
                return;
            }
            if (read != last) {
                last = read;
                quietSince = System.nanoTime();
            } else if (settings.transport().equals("udp") && System.nanoTime() - quietSince > 500_000_000L) {
                return;
            }
            Thread.sleep(20);
        }
        progress.accept("the ingester had not read everything sent after 120 s; stopping it");
    }

    /** Runs the ingester while the sender sends, then lets it drain what it holds. */
    private KafkaIngest.Result ingest(Feed feed, int queue, KafkaReplay.Target target, IngestStats stats, Sender sender)
            throws IOException, InterruptedException {
        try (LivePackets packets = new LivePackets(feed, "bench-camera", Modality.VISION, settings.packetEvents(),
                settings.packetMicros(), Duration.ofMillis(20), queue, stats)) {
            CompletableFuture<KafkaIngest.Result> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return KafkaIngest.run(packets, target, null, totals -> { });
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            progress.accept(String.format("sending for %d ms at %s", settings.duration().toMillis(),
                    settings.eventsPerSecond() == 0 ? "the sender's maximum rate"
                            : String.format("%,d events/s", settings.eventsPerSecond())));
            long[] sent = sender.send();
            awaitReader(stats, sent[1]);
            packets.stop();
            try {
                return run.join();
            } catch (RuntimeException e) {
                throw new IllegalStateException("the ingest failed: " + e.getMessage(), e);
            }
        }
    }

    /** Sends t64_x16_y16_on8 datagrams for the duration; totals: events, datagrams, nanoseconds. */
    private void sendDatagrams(InetSocketAddress to, long[] totals) throws IOException {
        int n = settings.eventsPerDatagram();
        ByteBuffer datagram = ByteBuffer.allocate(n * 13).order(ByteOrder.LITTLE_ENDIAN);
        Pace pace = new Pace(settings.eventsPerSecond());
        long seed = 1;
        long t = System.currentTimeMillis() * 1000;
        long start = System.nanoTime();
        long end = start + settings.duration().toNanos();
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(to);
            while (System.nanoTime() < end) {
                datagram.clear();
                for (int i = 0; i < n; i++) {
                    seed = seed * 6364136223846793005L + 1442695040888963407L;
                    t += (seed >>> 60) & 1;
                    datagram.putLong(t).putShort((short) ((seed >>> 20) % 640)).putShort((short) ((seed >>> 40) % 480))
                            .put((byte) ((seed >>> 62) & 1));
                }
                datagram.flip();
                pace.await(totals[0]);
                channel.write(datagram);
                totals[0] += n;
                totals[1]++;
            }
        }
        totals[2] = System.nanoTime() - start;
    }

    /** Sends a DV-style AEDAT 4 stream for the duration; totals: events, packets, nanoseconds. */
    private void sendStream(Socket client, long[] totals) throws IOException {
        Aedat4Writer writer = Aedat4Writer.network(client.getOutputStream(), VGA, Aedat4Compression.NONE);
        Pace pace = new Pace(settings.eventsPerSecond());
        long[] ts = new long[TCP_PACKET_EVENTS];
        int[] xs = new int[TCP_PACKET_EVENTS];
        int[] ys = new int[TCP_PACKET_EVENTS];
        byte[] ps = new byte[TCP_PACKET_EVENTS];
        long seed = 1;
        long t = System.currentTimeMillis() * 1000;
        long start = System.nanoTime();
        long end = start + settings.duration().toNanos();
        while (System.nanoTime() < end) {
            for (int i = 0; i < TCP_PACKET_EVENTS; i++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                t += (seed >>> 60) & 1;
                ts[i] = t;
                xs[i] = (int) ((seed >>> 20) % 640);
                ys[i] = (int) ((seed >>> 40) % 480);
                ps[i] = (byte) ((seed >>> 62) & 1);
            }
            pace.await(totals[0]);
            writer.write(Events.of(VGA, ts.clone(), xs.clone(), ys.clone(), ps.clone()));
            writer.flush();
            totals[0] += TCP_PACKET_EVENTS;
            totals[1]++;
        }
        totals[2] = System.nanoTime() - start;
    }

    /** Holds the sender to a rate: the k-th event leaves no earlier than k / rate after the start. */
    private static final class Pace {
        private final long eventsPerSecond;
        private final long start = System.nanoTime();

        Pace(long eventsPerSecond) {
            this.eventsPerSecond = eventsPerSecond;
        }

        void await(long eventsSent) {
            if (eventsPerSecond <= 0) {
                return;
            }
            long due = start + (long) (eventsSent * 1e9 / eventsPerSecond);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}

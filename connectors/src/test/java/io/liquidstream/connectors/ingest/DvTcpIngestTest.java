package io.liquidstream.connectors.ingest;

import static io.liquidstream.connectors.ingest.IngestTopics.await;
import static io.liquidstream.connectors.ingest.IngestTopics.events;
import static io.liquidstream.connectors.ingest.IngestTopics.readBack;
import static io.liquidstream.connectors.ingest.IngestTopics.start;
import static io.liquidstream.connectors.ingest.IngestTopics.target;
import static io.liquidstream.connectors.ingest.IngestTopics.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.format.aedat.Aedat4Compression;
import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.Modality;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DvTcpIngestTest {

    private static final SensorGeometry DVXPLORER = SensorGeometry.pixels(640, 480);
    private static final long EPOCH_US = 1_700_000_000_000_000L;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    private final IngestStats stats = new IngestStats();
    private final List<String> notices = new ArrayList<>();

    DvTcpIngestTest() {
        stats.onNotice(line -> {
            synchronized (notices) {
                notices.add(line);
            }
        });
    }

    private static Events camera(int n, long start, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Events.Builder b = Events.builder(DVXPLORER, n);
        long t = start;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(30);
            b.add(t, r.nextInt(640), r.nextInt(480), r.nextInt(2));
        }
        return b.build();
    }

    private static List<Events> chunks(Events events, int size) {
        List<Events> out = new ArrayList<>();
        for (int from = 0; from < events.size(); from += size) {
            int to = Math.min(events.size(), from + size);
            out.add(Events.of(DVXPLORER, Arrays.copyOfRange(events.times(), from, to),
                    Arrays.copyOfRange(events.xs(), from, to), Arrays.copyOfRange(events.ys(), from, to),
                    Arrays.copyOfRange(events.polarities(), from, to)));
        }
        return out;
    }

    private KafkaIngest.Result ingest(DvServer server, String topic, String source, long expectedEvents)
            throws Exception {
        DvTcpFeed feed = new DvTcpFeed(server.address(), null, Duration.ofSeconds(2), Duration.ofMillis(50), stats);
        try (LivePackets packets = new LivePackets(feed, source, Modality.VISION, 1000, 50_000, Duration.ofMillis(20),
                64, stats)) {
            CompletableFuture<KafkaIngest.Result> run = start(packets, target(kafka, topic));
            await(expectedEvents + " events", () -> stats.snapshot().acceptedEvents() >= expectedEvents);
            packets.stop();
            return run.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void givenDvServingLz4CompressedPackets_everyEventArrivesOnceInOrder() throws Exception {
        Events sent = camera(30_000, EPOCH_US, 1);
        String topic = unique("ingest-dv");
        KafkaIngest.Result result;
        try (DvServer server = new DvServer(List.of(DvServer.streams(DVXPLORER, Aedat4Compression.LZ4, chunks(sent, 2500)),
                DvServer.idles()))) {
            result = ingest(server, topic, "dv-1", sent.size());
            assertThat(server.failures()).isEmpty();
        }

        assertThat(events(readBack(kafka, topic, "dv-1"))).containsExactlyElementsOf(events(sent));
        assertThat(result.counts().acceptedEvents()).isEqualTo(sent.size());
        assertThat(result.counts().connections()).isGreaterThanOrEqualTo(1);
        assertThat(result.counts().malformed()).isZero();
        assertThat(notices).anySatisfy(n -> assertThat(n).startsWith("connected to the DV server at 127.0.0.1:")
                .endsWith("event stream 0, 640x480, LZ4 compression"));
    }

    @Test
    void givenServerDroppingTheConnectionMidPacket_wholePacketsAreKeptAndTheIngesterReconnects() throws Exception {
        Events before = camera(6_000, EPOCH_US, 2);
        Events cutShort = camera(1_000, before.t(before.size() - 1) + 1, 3);
        Events after = camera(4_000, cutShort.t(cutShort.size() - 1) + 1, 4);
        byte[] partial = DvServer.packetBytes(DVXPLORER, Aedat4Compression.NONE, cutShort);
        DvServer.Script dropsMidPacket = client -> {
            DvServer.streams(DVXPLORER, Aedat4Compression.NONE, chunks(before, 3000)).serve(client);
            OutputStream out = client.getOutputStream();
            out.write(partial, 0, partial.length / 2);
            out.flush();
        };
        String topic = unique("ingest-dv-cut");
        KafkaIngest.Result result;
        try (DvServer server = new DvServer(List.of(dropsMidPacket,
                DvServer.streams(DVXPLORER, Aedat4Compression.NONE, chunks(after, 1000)), DvServer.idles()))) {
            result = ingest(server, topic, "dv-2", before.size() + after.size());
        }

        List<List<Long>> expected = new ArrayList<>(events(before));
        expected.addAll(events(after));
        assertThat(events(readBack(kafka, topic, "dv-2"))).containsExactlyElementsOf(expected);
        assertThat(result.counts().malformed()).isEqualTo(1);
        assertThat(result.counts().disconnects()).isGreaterThanOrEqualTo(1);
        assertThat(result.counts().connections()).isGreaterThanOrEqualTo(2);
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("stream ends")
                .contains("bytes into the " + (partial.length - 8) + "-byte event packet"));
    }

    @Test
    void givenGarbageInsteadOfAStream_itIsRefusedAndTheNextConnectionIsRead() throws Exception {
        byte[] garbage = new byte[4096];
        new SplittableRandom(5).nextBytes(garbage);
        Events sent = camera(5_000, EPOCH_US, 6);
        String topic = unique("ingest-dv-garbage");
        KafkaIngest.Result result;
        try (DvServer server = new DvServer(List.of(client -> client.getOutputStream().write(garbage),
                DvServer.streams(DVXPLORER, Aedat4Compression.ZSTD, chunks(sent, 1000)), DvServer.idles()))) {
            result = ingest(server, topic, "dv-3", sent.size());
        }

        assertThat(events(readBack(kafka, topic, "dv-3"))).containsExactlyElementsOf(events(sent));
        assertThat(result.counts().malformed()).isEqualTo(1);
        assertThat(notices).anySatisfy(n -> assertThat(n).startsWith("refused the stream from 127.0.0.1:")
                .contains("IOHeader"));
    }

    @Test
    void givenNoServerYet_theIngesterSaysSoOnceAndConnectsWhenItComes() throws Exception {
        Events sent = camera(2_000, EPOCH_US, 7);
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String topic = unique("ingest-dv-late");
        DvTcpFeed feed = new DvTcpFeed(java.net.InetSocketAddress.createUnresolved("127.0.0.1", port), null,
                Duration.ofSeconds(2), Duration.ofMillis(50), stats);
        try (LivePackets packets = new LivePackets(feed, "dv-4", Modality.VISION, 1000, 50_000, Duration.ofMillis(20),
                64, stats)) {
            CompletableFuture<KafkaIngest.Result> run = start(packets, target(kafka, topic));
            await("a notice that the server cannot be reached", () -> !notices.isEmpty());
            Thread.sleep(300);
            try (java.net.ServerSocket listening = new java.net.ServerSocket(port, 8,
                    java.net.InetAddress.getLoopbackAddress())) {
                CompletableFuture<Void> serve = CompletableFuture.runAsync(() -> {
                    try (java.net.Socket client = listening.accept()) {
                        DvServer.streams(DVXPLORER, Aedat4Compression.NONE, chunks(sent, 500)).serve(client);
                        DvServer.idles().serve(client);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                await(sent.size() + " events", () -> stats.snapshot().acceptedEvents() >= sent.size());
                packets.stop();
                run.get(30, TimeUnit.SECONDS);
                serve.get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(events(readBack(kafka, topic, "dv-4"))).containsExactlyElementsOf(events(sent));
        assertThat(notices.stream().filter(n -> n.startsWith("cannot reach the DV server"))).hasSize(1);
    }
}

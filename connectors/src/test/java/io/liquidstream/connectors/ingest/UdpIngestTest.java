package io.liquidstream.connectors.ingest;

import static io.liquidstream.connectors.ingest.IngestTopics.await;
import static io.liquidstream.connectors.ingest.IngestTopics.events;
import static io.liquidstream.connectors.ingest.IngestTopics.readBack;
import static io.liquidstream.connectors.ingest.IngestTopics.start;
import static io.liquidstream.connectors.ingest.IngestTopics.target;
import static io.liquidstream.connectors.ingest.IngestTopics.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UdpIngestTest {

    private static final SensorGeometry VGA = SensorGeometry.pixels(640, 480);
    private static final long EPOCH_US = 1_700_000_000_000_000L;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    private final IngestStats stats = new IngestStats();
    private final List<String> notices = new ArrayList<>();

    UdpIngestTest() {
        stats.onNotice(line -> {
            synchronized (notices) {
                notices.add(line);
            }
        });
    }

    private static Events camera(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Events.Builder b = Events.builder(VGA, n);
        long t = EPOCH_US;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(40);
            b.add(t, r.nextInt(640), r.nextInt(480), r.nextInt(2));
        }
        return b.build();
    }

    /** AEStream's t64_x16_y16_on8 records of events [from, to). */
    private static byte[] t64(Events e, int from, int to) {
        ByteBuffer b = ByteBuffer.allocate((to - from) * 13).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < to; i++) {
            b.putLong(e.t(i)).putShort((short) e.x(i)).putShort((short) e.y(i)).put((byte) e.p(i));
        }
        return b.array();
    }

    /** SPIF words of events [from, to), each followed by its timestamp word (AEStream --include-timestamp). */
    private static byte[] spifTimestamped(Events e, int from, int to) {
        ByteBuffer b = ByteBuffer.allocate((to - from) * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < to; i++) {
            b.putInt(e.x(i) << 16 | e.p(i) << 15 | e.y(i)).putInt((int) e.t(i));
        }
        return b.array();
    }

    /**
     * Sends the datagrams from a socket of its own, letting the reader catch up every 50 so the kernel's
     * receive buffer (a few hundred KiB on a default Linux) never overflows.
     */
    private void send(InetSocketAddress to, List<byte[]> datagrams) throws IOException, InterruptedException {
        try (DatagramSocket socket = new DatagramSocket()) {
            long base = stats.snapshot().received();
            for (int i = 0; i < datagrams.size(); i++) {
                byte[] d = datagrams.get(i);
                socket.send(new DatagramPacket(d, d.length, to));
                if (i % 50 == 49) {
                    long sent = base + i + 1;
                    await("the reader to take " + sent + " datagrams", () -> stats.snapshot().received() >= sent);
                }
            }
            long sent = base + datagrams.size();
            await("the reader to take " + sent + " datagrams", () -> stats.snapshot().received() >= sent);
        }
    }

    private static List<byte[]> cut(Events events, int perDatagram, Encoder encoder) {
        List<byte[]> out = new ArrayList<>();
        for (int from = 0; from < events.size(); from += perDatagram) {
            out.add(encoder.encode(events, from, Math.min(events.size(), from + perDatagram)));
        }
        return out;
    }

    private interface Encoder {
        byte[] encode(Events e, int from, int to);
    }

    @Test
    void givenAestreamDatagramsFromAnotherSocket_everyEventArrivesOnceInOrderInBoundedPackets() throws Exception {
        Events sent = camera(20_000, 1);
        String topic = unique("ingest-udp-t64");
        UdpFeed feed = UdpFeed.bind(new InetSocketAddress("127.0.0.1", 0), UdpFormat.T64_X16_Y16_ON8, VGA, 1 << 20,
                stats);
        KafkaIngest.Result result;
        try (LivePackets packets = new LivePackets(feed, "cam-1", Modality.VISION, 700, 50_000, Duration.ofMillis(20),
                4096, stats)) {
            CompletableFuture<KafkaIngest.Result> run = start(packets, target(kafka, topic));
            send(feed.localAddress(), cut(sent, 100, UdpIngestTest::t64));
            packets.stop();
            result = run.get(30, TimeUnit.SECONDS);
        }
        List<EventPacket> packets = readBack(kafka, topic, "cam-1");

        assertThat(events(packets)).containsExactlyElementsOf(events(sent));
        assertThat(result.sent().events()).isEqualTo(sent.size());
        assertThat(result.counts()).isEqualTo(new IngestCounts(200, 20_000L * 13, 20_000, 0, 0, 0, 0, 0, 0, 0));
        assertThat(packets).allSatisfy(p -> {
            assertThat(EventPackets.size(p)).isBetween(1, 700);
            assertThat(p.getDt().get(EventPackets.size(p) - 1)).isLessThan(50_000);
            assertThat(p.getModality()).isEqualTo(Modality.VISION);
        });
        assertThat(result.inputFailure()).isNull();
    }

    @Test
    void givenSpifWordsWithTimestampWords_everyEventArrivesWithItsOwnTime() throws Exception {
        Events sent = camera(3_000, 2);
        String topic = unique("ingest-udp-spif");
        UdpFeed feed = UdpFeed.bind(new InetSocketAddress("127.0.0.1", 0), UdpFormat.SPIF, VGA, 1 << 20, stats);
        try (LivePackets packets = new LivePackets(feed, "spif-1", Modality.VISION, 1000, 50_000, Duration.ofMillis(20),
                4096, stats)) {
            CompletableFuture<KafkaIngest.Result> run = start(packets, target(kafka, topic));
            send(feed.localAddress(), cut(sent, 64, UdpIngestTest::spifTimestamped));
            packets.stop();
            run.get(30, TimeUnit.SECONDS);
        }

        List<List<Long>> got = events(readBack(kafka, topic, "spif-1"));
        // the 32-bit timestamp words carry the low 32 bits of each time; the unwrapped clock starts from them
        long first = sent.t(0);
        List<List<Long>> expected = events(sent).stream()
                .map(e -> List.of((first & 0xffff_ffffL) + e.get(0) - first, e.get(1), e.get(2), e.get(3))).toList();
        assertThat(got).containsExactlyElementsOf(expected);
    }

    @Test
    void givenTruncatedGarbageAndEmptyDatagramsAmongGoodOnes_theBadAreCountedAndEveryGoodEventArrives()
            throws Exception {
        Events sent = camera(2_000, 3);
        List<byte[]> good = cut(sent, 100, UdpIngestTest::t64);
        List<byte[]> datagrams = new ArrayList<>();
        byte[] garbage = new byte[13 * 4];
        new SplittableRandom(4).nextBytes(garbage);
        garbage[12] = 9; // not an on byte
        for (int i = 0; i < good.size(); i++) {
            datagrams.add(good.get(i));
            if (i == 3) {
                datagrams.add(java.util.Arrays.copyOf(good.get(i + 1), 100)); // cut short: 100 is no multiple of 13
            } else if (i == 7) {
                datagrams.add(garbage);
            } else if (i == 11) {
                datagrams.add(new byte[0]);
            }
        }
        String topic = unique("ingest-udp-bad");
        UdpFeed feed = UdpFeed.bind(new InetSocketAddress("127.0.0.1", 0), UdpFormat.T64_X16_Y16_ON8, VGA, 1 << 20,
                stats);
        KafkaIngest.Result result;
        try (LivePackets packets = new LivePackets(feed, "cam-2", Modality.VISION, 1000, 50_000, Duration.ofMillis(20),
                4096, stats)) {
            CompletableFuture<KafkaIngest.Result> run = start(packets, target(kafka, topic));
            send(feed.localAddress(), datagrams);
            packets.stop();
            result = run.get(30, TimeUnit.SECONDS);
        }

        assertThat(events(readBack(kafka, topic, "cam-2"))).containsExactlyElementsOf(events(sent));
        assertThat(result.counts().malformed()).isEqualTo(3);
        assertThat(result.counts().received()).isEqualTo(good.size() + 3);
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("refused a datagram from /127.0.0.1:")
                .contains("100-byte datagram; expected a positive multiple of 13-byte t64_x16_y16_on8 events"));
    }

    @Test
    void givenEventsOutsideTheSensorAndAReorderedDatagram_theyAreDroppedOneByOneAndCounted() throws Exception {
        Events sent = camera(600, 5);
        List<byte[]> datagrams = new ArrayList<>(cut(sent, 100, UdpIngestTest::t64));
        byte[] second = datagrams.remove(1);
        datagrams.add(2, second); // arrives after the third: all its events are earlier than ones sent
        ByteBuffer outside = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
        long last = sent.t(sent.size() - 1);
        outside.putLong(last + 1).putShort((short) 640).putShort((short) 1).put((byte) 1);
        outside.putLong(last + 2).putShort((short) 5).putShort((short) 6).put((byte) 0);
        datagrams.add(outside.array());
        String topic = unique("ingest-udp-order");
        UdpFeed feed = UdpFeed.bind(new InetSocketAddress("127.0.0.1", 0), UdpFormat.T64_X16_Y16_ON8, VGA, 1 << 20,
                stats);
        KafkaIngest.Result result;
        try (LivePackets packets = new LivePackets(feed, "cam-3", Modality.VISION, 1000, 50_000, Duration.ofMillis(20),
                4096, stats)) {
            CompletableFuture<KafkaIngest.Result> run = start(packets, target(kafka, topic));
            send(feed.localAddress(), datagrams);
            packets.stop();
            result = run.get(30, TimeUnit.SECONDS);
        }

        List<List<Long>> expected = new ArrayList<>(IngestTopics.slice(sent, 0, 100));
        expected.addAll(IngestTopics.slice(sent, 200, 600));
        expected.add(List.of(last + 2, 5L, 6L, 0L));
        assertThat(events(readBack(kafka, topic, "cam-3"))).containsExactlyElementsOf(expected);
        assertThat(result.counts().late()).isEqualTo(100);
        assertThat(result.counts().outsideSensor()).isEqualTo(1);
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("(x=640, y=1, p=1) on a 640x480 sensor"));
    }

    @Test
    void givenNobodyTakingPackets_datagramsBeyondTheQueueAreDroppedAndCountedAndTheQueuedOnesStillArrive()
            throws Exception {
        Events sent = camera(1_000, 6);
        List<byte[]> datagrams = cut(sent, 50, UdpIngestTest::t64);
        String topic = unique("ingest-udp-full");
        UdpFeed feed = UdpFeed.bind(new InetSocketAddress("127.0.0.1", 0), UdpFormat.T64_X16_Y16_ON8, VGA, 1 << 20,
                stats);
        KafkaIngest.Result result;
        try (LivePackets packets = new LivePackets(feed, "cam-4", Modality.VISION, 1000, 50_000, Duration.ofMillis(20),
                5, stats)) {
            // no one calls next() yet: the hand-off of 5 datagrams fills and the reader must drop, not wait
            send(feed.localAddress(), datagrams);
            assertThat(stats.snapshot().droppedDatagrams()).isEqualTo(datagrams.size() - 5);
            CompletableFuture<KafkaIngest.Result> run = start(packets, target(kafka, topic));
            packets.stop();
            result = run.get(30, TimeUnit.SECONDS);
        }

        assertThat(events(readBack(kafka, topic, "cam-4"))).containsExactlyElementsOf(IngestTopics.slice(sent, 0, 250));
        assertThat(result.counts().droppedDatagrams()).isEqualTo(15);
        assertThat(result.counts().droppedEvents()).isEqualTo(750);
        assertThat(result.counts().acceptedEvents()).isEqualTo(250);
        assertThat(notices).anySatisfy(n -> assertThat(n).startsWith("the hand-off to Kafka is full: dropping datagrams"));
    }
}

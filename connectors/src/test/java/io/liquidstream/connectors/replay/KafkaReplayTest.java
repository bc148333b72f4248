package io.liquidstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.liquidstream.connectors.format.csv.CsvEventWriter;
import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KafkaReplayTest {

    private static final SensorGeometry NMNIST = SensorGeometry.pixels(34, 34);

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    private static Events randomEvents(SplittableRandom r, int n, long step) {
        Events.Builder b = Events.builder(NMNIST);
        long t = r.nextInt(50);
        for (int i = 0; i < n; i++) {
            t += r.nextLong(step + 1);
            b.add(t, r.nextInt(34), r.nextInt(34), r.nextInt(2));
        }
        return b.build();
    }

    private static KafkaReplay.Target target(String topic, ReplaySpeed speed) {
        return new KafkaReplay.Target(Map.of("bootstrap.servers", kafka.bootstrapServers()), topic, speed, true, 1,
                Duration.ofSeconds(10), 64);
    }

    private static List<EventPacket> readBack(String topic, long packets) {
        AvroSingleObjectCodec<EventPacket> codec = AvroSingleObjectCodec.of(EventPacket.class);
        List<EventPacket> out = new ArrayList<>();
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            assertThat(end).as("records in " + topic).isEqualTo(packets);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    EventPacket packet = codec.decode(r.value());
                    assertThat(r.key()).isEqualTo(packet.getSource().toString());
                    out.add(packet);
                }
            }
        }
        return out;
    }

    /** Every event of the packets in arrival order, as absolute times and addresses. */
    private static List<long[]> events(List<EventPacket> packets) {
        List<long[]> out = new ArrayList<>();
        for (EventPacket p : packets) {
            int[] dt = EventPackets.toIntArray(p.getDt());
            int[] x = EventPackets.toIntArray(p.getX());
            int[] y = EventPackets.toIntArray(p.getY());
            int[] pol = EventPackets.toIntArray(p.getP());
            for (int i = 0; i < dt.length; i++) {
                out.add(new long[] {p.getT0Micros() + dt[i], x[i], y[i], pol[i]});
            }
        }
        return out;
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void givenAnNmnistFolder_everySampleArrivesOnceInOrderAsARunOfPacketsEndedByItsMarker() throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        List<LabeledSample> written = new ArrayList<>();
        for (int digit : new int[] {1, 4, 7}) {
            for (int k = 0; k < 2; k++) {
                LabeledSample s = new LabeledSample("s" + digit + k, digit, randomEvents(r, 700 + 300 * k, 40));
                NmnistFolder.write(dir, k == 0 ? "Train" : "Test", s);
                written.add(s);
            }
        }
        List<LabeledSample> expected = new ArrayList<>(NmnistFolder.read(dir, "Train", 0));
        expected.addAll(NmnistFolder.read(dir, "Test", 0));
        String topic = unique("replay-nmnist");

        ReplayResult result;
        try (PacketSource source = ReplayInputs.open(dir, "dvs-1", Modality.VISION, 256, 1_000_000)) {
            result = KafkaReplay.run(source, target(topic, ReplaySpeed.MAX), progress -> { });
        }
        List<EventPacket> packets = readBack(topic, result.packets());

        assertThat(result.samples()).isEqualTo(written.size());
        assertThat(result.events()).isEqualTo(written.stream().mapToLong(s -> s.events().size()).sum());
        assertThat(packets).extracting(EventPacket::getSeq)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, packets.size()).boxed().toList());
        int at = 0;
        for (LabeledSample sample : expected) {
            List<EventPacket> run = new ArrayList<>();
            do {
                run.add(packets.get(at++));
            } while (!run.get(run.size() - 1).getEndOfSample());
            assertThat(run).allSatisfy(p -> {
                assertThat(p.getSampleId()).isEqualTo(sample.id());
                assertThat(p.getLabel()).isEqualTo(sample.label());
                assertThat(EventPackets.size(p)).isLessThanOrEqualTo(256);
            });
            List<long[]> got = events(run);
            assertThat(got).hasSize(sample.events().size());
            long shift = got.get(0)[0] - sample.events().t(0);
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i)).containsExactly(sample.events().t(i) + shift, sample.events().x(i),
                        sample.events().y(i), sample.events().p(i));
            }
        }
        assertThat(at).isEqualTo(packets.size());
        assertThat(events(packets)).isSortedAccordingTo((a, b) -> Long.compare(a[0], b[0]));
    }

    @Test
    void givenACsvRecording_itArrivesAsOneContinuousStreamWithoutSampleMarkers() throws IOException {
        Events recording = randomEvents(new SplittableRandom(5), 20_000, 20);
        Path csv = dir.resolve("rec.csv");
        CsvEventWriter.write(csv, recording);
        String topic = unique("replay-csv");

        ReplayResult result;
        try (PacketSource source = ReplayInputs.open(csv, "cam-7", Modality.VISION, 1000, 5_000)) {
            result = KafkaReplay.run(source, target(topic, ReplaySpeed.MAX), progress -> { });
        }
        List<EventPacket> packets = readBack(topic, result.packets());

        assertThat(result.samples()).isZero();
        assertThat(packets).allSatisfy(p -> {
            assertThat(p.getSampleId()).isNull();
            assertThat(p.getEndOfSample()).isFalse();
            assertThat(p.getSource().toString()).isEqualTo("cam-7");
            assertThat(EventPackets.size(p)).isBetween(1, 1000);
            assertThat(p.getDt().get(p.getDt().size() - 1)).isLessThan(5_000);
        });
        assertThat(packets).extracting(EventPacket::getSeq)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, packets.size()).boxed().toList());
        List<long[]> got = events(packets);
        assertThat(got).hasSize(recording.size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i)).containsExactly(recording.t(i), recording.x(i), recording.y(i), recording.p(i));
        }
    }

    @Test
    void givenRealtimeSpeed_theReplayLastsAboutAsLongAsTheRecording() throws IOException {
        Events.Builder b = Events.builder(NMNIST);
        for (int i = 0; i <= 100; i++) {
            b.add(i * 10_000L, i % 34, i % 34, 1);
        }
        Path csv = dir.resolve("second.csv");
        CsvEventWriter.write(csv, b.build());

        ReplayResult result;
        try (PacketSource source = ReplayInputs.open(csv, "cam", Modality.VISION, 1000, 50_000)) {
            result = KafkaReplay.run(source, target(unique("replay-paced"), ReplaySpeed.REALTIME), progress -> { });
        }

        assertThat(result.events()).isEqualTo(101);
        assertThat(result.seconds()).as("a paced replay of a 1 s recording").isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void givenNoBrokerListening_theReplayFailsNamingTheAddressInsteadOfHanging() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path csv = dir.resolve("tiny.csv");
        CsvEventWriter.write(csv, randomEvents(new SplittableRandom(1), 10, 5));
        KafkaReplay.Target nowhere = new KafkaReplay.Target(Map.of("bootstrap.servers", "127.0.0.1:" + port), "t",
                ReplaySpeed.MAX, true, 1, Duration.ofSeconds(2), 16);

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (PacketSource source = ReplayInputs.open(csv, "cam", Modality.VISION, 100, 1_000)) {
                assertThatThrownBy(() -> KafkaReplay.run(source, nowhere, progress -> { }))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("no Kafka broker answered at 127.0.0.1:" + port);
            }
        });
    }

    @Test
    void givenAMissingTopicThatMayNotBeCreated_theReplayFailsNamingIt() throws IOException {
        Path csv = dir.resolve("tiny.csv");
        CsvEventWriter.write(csv, randomEvents(new SplittableRandom(1), 10, 5));
        String topic = unique("absent");
        KafkaReplay.Target noCreate = new KafkaReplay.Target(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                topic, ReplaySpeed.MAX, false, 1, Duration.ofSeconds(10), 16);

        try (PacketSource source = ReplayInputs.open(csv, "cam", Modality.VISION, 100, 1_000)) {
            assertThatThrownBy(() -> KafkaReplay.run(source, noCreate, progress -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("topic " + topic + " does not exist");
        }
    }

    @Test
    void givenAFileInNoKnownFormat_openingItSaysWhichFormatsAreSupported() throws IOException {
        Path junk = java.nio.file.Files.write(dir.resolve("x.xyz"), new byte[] {1, 2, 3, 4, 5, 6, 7});

        assertThatThrownBy(() -> ReplayInputs.open(junk, "s", Modality.VISION, 10, 10))
                .isInstanceOf(io.liquidstream.connectors.format.EventFormatException.class)
                .hasMessageContaining("supported");
    }
}

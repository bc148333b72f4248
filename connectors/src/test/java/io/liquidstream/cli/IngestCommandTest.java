package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.connectors.format.aedat.Aedat4Compression;
import io.liquidstream.connectors.format.aedat.Aedat4Writer;
import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.connectors.sensors.SensorTopic;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.SensorInfo;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestCommandTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int ingest(String... args) {
        CommandLine cli = LiquidStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "ingest";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private static String topic() {
        return "cli-ingest-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void givenAestreamDatagramsForADuration_jsonSummaryCountsEveryEventAndTheMalformedDatagram() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> ingest("udp", "--port",
                Integer.toString(port), "--host", "127.0.0.1", "--format", "aestream", "--geometry", "640x480",
                "--duration", "4s", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", topic(),
                "--no-dead-letter-watch", "--json"));
        Thread.sleep(1500); // the port is bound at once; give the command time to start
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int d = 0; d < 20; d++) {
                ByteBuffer b = ByteBuffer.allocate(50 * 13).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < 50; i++) {
                    b.putLong(1_000_000L + d * 1000L + i).putShort((short) i).putShort((short) d).put((byte) (i & 1));
                }
                socket.send(new DatagramPacket(b.array(), b.capacity(), InetAddress.getLoopbackAddress(), port));
                Thread.sleep(10);
            }
            socket.send(new DatagramPacket(new byte[7], 7, InetAddress.getLoopbackAddress(), port));
        }
        int code = run.get(30, TimeUnit.SECONDS);

        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(summary.get("events").asLong()).isEqualTo(1000);
        assertThat(summary.get("received").asLong()).isEqualTo(21);
        assertThat(summary.get("malformed").asLong()).isEqualTo(1);
        assertThat(summary.get("droppedDatagrams").asLong()).isZero();
        assertThat(summary.get("source").asText()).isEqualTo("udp-" + port);
    }

    @Test
    void givenAnAedat4Recording_fileIngestSendsItAllAndNamesTheSourceAfterTheFile() throws Exception {
        SensorGeometry davis = SensorGeometry.pixels(346, 260);
        Events.Builder b = Events.builder(davis);
        for (int i = 0; i < 3000; i++) {
            b.add(1_700_000_000_000_000L + i * 7L, i % 346, i % 260, i & 1);
        }
        Path file = dir.resolve("rig.aedat4");
        try (Aedat4Writer writer = Aedat4Writer.create(file, davis, Aedat4Compression.ZSTD)) {
            writer.write(b.build());
        }

        int code = ingest("file", file.toString(), "--bootstrap", kafka.bootstrapServers(), "--topic", topic(),
                "--packet-events", "256", "--no-dead-letter-watch", "--json");

        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(summary.get("events").asLong()).isEqualTo(3000);
        assertThat(summary.get("packets").asLong()).isEqualTo(12);
        assertThat(summary.get("source").asText()).isEqualTo("rig.aedat4");
    }

    @Test
    void givenALiveSource_ingestAnnouncesItsSensorOnTheSensorsTopicBeforeItsFirstPacket() throws Exception {
        SensorGeometry davis = SensorGeometry.pixels(346, 260);
        Path file = dir.resolve("davis.aedat4");
        try (Aedat4Writer writer = Aedat4Writer.create(file, davis, Aedat4Compression.NONE)) {
            writer.write(Events.builder(davis).add(1_000, 345, 259, 1).add(2_000, 0, 0, 0).build());
        }
        String events = topic();
        String sensors = "sensors-" + UUID.randomUUID();

        int code = ingest("file", file.toString(), "--bootstrap", kafka.bootstrapServers(), "--topic", events,
                "--sensors-topic", sensors, "--no-dead-letter-watch", "--json");

        assertThat(code).as(err.toString()).isZero();
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> announced = records(sensors, 1);
        assertThat(announced).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("vision:davis.aedat4");
            SensorInfo info = SensorTopic.codec().decode(r.value());
            assertThat(List.of(info.getWidth(), info.getHeight(), info.getPolarities())).containsExactly(346, 260, 2);
            assertThat(records(events, 1).get(0).timestamp()).isGreaterThanOrEqualTo(r.timestamp());
        });
    }

    /** Every record of {@code topic} from its start, once {@code expected} arrived (at most 30 s). */
    private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records(String topic,
            int expected) {
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers(), "group.id", "check-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void givenTheSameSourceIngestedTwice_theSecondRunsPacketsAreNumberedAboveTheFirstsSoTheServiceKeepsThem()
            throws Exception {
        SensorGeometry davis = SensorGeometry.pixels(346, 260);
        Events.Builder b = Events.builder(davis);
        for (int i = 0; i < 500; i++) {
            b.add(1_700_000_000_000_000L + i * 7L, i % 346, i % 260, i & 1);
        }
        Path file = dir.resolve("again.aedat4");
        try (Aedat4Writer writer = Aedat4Writer.create(file, davis, Aedat4Compression.NONE)) {
            writer.write(b.build());
        }
        String topic = topic();
        String[] args = {"file", file.toString(), "--bootstrap", kafka.bootstrapServers(), "--topic", topic,
            "--partitions", "1", "--packet-events", "100", "--no-dead-letter-watch"};
        long before = System.currentTimeMillis() * 1000;

        assertThat(ingest(args)).isZero();
        assertThat(ingest(args)).isZero();

        List<Long> seqs = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            while (seqs.size() < 10) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seqs.add(
                        AvroSingleObjectCodec.of(EventPacket.class).decode(r.value()).getSeq()));
            }
        }
        assertThat(seqs).hasSize(10).isSorted();
        assertThat(seqs.get(0)).isGreaterThanOrEqualTo(before);
        assertThat(seqs.get(5)).isGreaterThan(seqs.get(4));
    }

    @Test
    void givenAnUnknownFormat_udpRefusesNamingTheFormats() {
        int code = ingest("udp", "--port", "0", "--format", "evt3", "--geometry", "640x480");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("unknown UDP format 'evt3'; expected one of spif, t64_x16_y16_on8,"
                + " t32_x16_y15_on1 (or aestream)");
    }

    @Test
    void givenAMissingGeometry_udpSaysWhatItNeeds() {
        int code = ingest("udp", "--port", "0", "--format", "spif");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--geometry=WxH'");
    }
}

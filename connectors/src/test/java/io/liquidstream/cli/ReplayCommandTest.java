package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.connectors.format.aedat.Aedat4Compression;
import io.liquidstream.connectors.format.aedat.Aedat4Writer;
import io.liquidstream.connectors.format.hdf5.NTidigits;
import io.liquidstream.connectors.format.hdf5.SpikingHeidelbergDigits;
import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.connectors.registry.ConfluentRestRegistry;
import io.liquidstream.connectors.registry.WireFormat;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.codec.AnyEncodingDecoder;
import io.liquidstream.connectors.sensors.SensorTopic;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.SensorInfo;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int replay(String... args) {
        CommandLine cli = LiquidStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "replay";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private static LabeledSample spoken(String key, int events) {
        Events.Builder b = Events.builder(NTidigits.GEOMETRY);
        for (int i = 0; i < events; i++) {
            b.add(i * 1_000L, i % 64, 0, 0);
        }
        return new LabeledSample(key, NTidigits.label(key.substring(key.lastIndexOf('-') + 1)), b.build());
    }

    @Test
    void givenAnNTidigitsFile_jsonSummaryCountsEverySampleOfBothSplits() throws IOException {
        Path h5 = dir.resolve("digits.h5");
        NTidigits.write(h5, List.of(spoken("man-aa-1", 30), spoken("woman-ab-z", 20)), List.of(spoken("man-ac-o", 10)),
                s -> NTidigits.digitName(s.label()));

        int code = replay(h5.toString(), "--modality", "audio", "--bootstrap", kafka.bootstrapServers(), "--speed", "max",
                "--topic", "cli-" + UUID.randomUUID(), "--packet-events", "8", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("samples").asLong()).isEqualTo(3);
        assertThat(json.get("events").asLong()).isEqualTo(60);
        assertThat(json.get("packets").asLong()).isEqualTo(4 + 3 + 2);
        assertThat(json.has("seconds")).isTrue();
        assertThat(json.has("eventsPerSecond")).isTrue();
    }

    @Test
    void givenNoBroker_replayExitsWithAnErrorNamingTheAddress() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path csv = java.nio.file.Files.writeString(dir.resolve("e.csv"), "t,x,y,p\n0,1,1,1\n");

        int code = replay(csv.toString(), "--modality", "vision", "--bootstrap", "127.0.0.1:" + port, "--timeout", "2s");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("error: no Kafka broker answered at 127.0.0.1:" + port);
    }

    @Test
    void givenAnUnknownModality_replayRefusesBeforeConnecting() throws IOException {
        Path csv = java.nio.file.Files.writeString(dir.resolve("e.csv"), "t,x,y,p\n0,1,1,1\n");

        int code = replay(csv.toString(), "--modality", "smell", "--bootstrap", "127.0.0.1:1");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("--modality must be vision, audio or neural, found 'smell'");
    }

    @Test
    void givenASchemaRegistry_replayWritesTheConfluentFormatWithTheSchemaRegisteredUnderTheTopic() throws Exception {
        Path h5 = dir.resolve("digits.h5");
        NTidigits.write(h5, List.of(spoken("man-aa-1", 30), spoken("woman-ab-z", 20)), List.of(),
                s -> NTidigits.digitName(s.label()));
        String topic = "cli-registry-" + UUID.randomUUID();
        try (ConfluentRestRegistry registry = ConfluentRestRegistry.start()) {
            int code = replay(h5.toString(), "--modality", "audio", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--speed", "max", "--topic", topic, "--schema-registry", registry.url(), "--json");

            assertThat(code).as(err.toString()).isZero();
            assertThat(registry.subjects()).containsExactly(topic + "-value");
            List<byte[]> values = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                    kafka.bootstrapServers(), "group.id", "check-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (values.size() < 2 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                }
            }
            AnyEncodingDecoder<EventPacket> decoder = WireFormat.of(WireFormat.SINGLE_OBJECT, registry.url())
                    .reader(EventPacket.class);
            assertThat(values).hasSize(2).allSatisfy(v -> {
                assertThat(v[0]).as("magic byte").isZero();
                assertThat(registry.schema(ByteBuffer.wrap(v, 1, 4).getInt())).isEqualTo(EventPacket.getClassSchema());
            });
            assertThat(values).extracting(v -> EventPackets.size(decoder.decode(v))).containsExactlyInAnyOrder(30, 20);
        }
    }

    @Test
    void givenAnNwbFileWithTrials_eachTrialIsSentAsASample() throws Exception {
        Path nwb = Path.of(getClass().getResource("/io/liquidstream/connectors/format/hdf5/nwb-units-trials.nwb").toURI());

        int code = replay(nwb.toString(), "--modality", "neural", "--bootstrap-servers", kafka.bootstrapServers(), "--speed",
                "max", "--topic", "cli-" + UUID.randomUUID(), "--trial-label", "condition", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("samples").asLong()).isEqualTo(3);
        assertThat(json.get("events").asLong()).isEqualTo(10);
    }

    @Test
    void givenATrialLabelColumnTheFileLacks_replayNamesTheColumnsItHas() throws Exception {
        Path nwb = Path.of(getClass().getResource("/io/liquidstream/connectors/format/hdf5/nwb-units-trials.nwb").toURI());

        int code = replay(nwb.toString(), "--modality", "neural", "--bootstrap", "127.0.0.1:1", "--trial-label", "target");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("'/intervals/trials/target': missing", "[condition, stimulus, correct]");
    }

    /** Every record of {@code topic}, from the start, until {@code expected} arrived (at most 30 s). */
    private static List<ConsumerRecord<String, byte[]>> records(String topic, int expected) {
        Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id",
                "check-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void givenA320x240Aedat4Recording_replayAnnouncesItsSensorBeforeItsEventsAndSendsEveryAddress() throws Exception {
        Path file = dir.resolve("dvxplorer-lite.aedat4");
        try (Aedat4Writer w = Aedat4Writer.create(file, SensorGeometry.pixels(320, 240), Aedat4Compression.LZ4)) {
            w.write(Events.builder(SensorGeometry.pixels(320, 240)).add(0, 0, 0, 1).add(10, 319, 239, 0)
                    .add(20, 200, 100, 1).build());
        }
        String events = "cli-" + UUID.randomUUID();
        String sensors = "sensors-" + UUID.randomUUID();

        int code = replay(file.toString(), "--modality", "vision", "--source", "cam-7", "--bootstrap",
                kafka.bootstrapServers(), "--speed", "max", "--topic", events, "--sensors-topic", sensors);

        assertThat(code).as(err.toString()).isZero();
        ConsumerRecord<String, byte[]> announcement = records(sensors, 1).get(0);
        SensorInfo info = SensorTopic.codec().decode(announcement.value());
        assertThat(announcement.key()).isEqualTo("vision:cam-7");
        assertThat(List.of(info.getSource().toString(), info.getWidth(), info.getHeight(), info.getPolarities(),
                info.getChannels())).containsExactly("cam-7", 320, 240, 2, 76_800);
        EventPacket packet = AvroSingleObjectCodec.of(EventPacket.class).decode(records(events, 1).get(0).value());
        assertThat(packet.getX()).contains(319);
        assertThat(records(events, 1).get(0).timestamp()).isGreaterThanOrEqualTo(announcement.timestamp());
    }

    @Test
    void givenAn1024ChannelShdFile_theSensorOptionGivesTheChannelCountTheFormatDoesNotRecord() throws Exception {
        Path h5 = dir.resolve("array.h5");
        SpikingHeidelbergDigits.write(h5, List.of(new LabeledSample("t0", 3, Events.builder(SensorGeometry.channels(1024))
                .add(0, 1000, 0, 0).add(5_000, 7, 0, 0).build())), 1024);
        String sensors = "sensors-" + UUID.randomUUID();

        int refused = replay(h5.toString(), "--modality", "neural", "--bootstrap", "127.0.0.1:1");
        assertThat(refused).isEqualTo(1);
        assertThat(err.toString()).contains("channel 1000");

        int code = replay(h5.toString(), "--modality", "neural", "--source", "rig-1", "--sensor", "1024", "--bootstrap",
                kafka.bootstrapServers(), "--speed", "max", "--topic", "cli-" + UUID.randomUUID(), "--sensors-topic",
                sensors, "--json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("events").asLong()).isEqualTo(2);
        SensorInfo info = SensorTopic.codec().decode(records(sensors, 1).get(0).value());
        assertThat(List.of(info.getWidth(), info.getHeight(), info.getPolarities())).containsExactly(1024, 1, 1);
    }

    @Test
    void givenASensorSmallerThanTheRecordings_replayRefusesBeforeConnecting() throws Exception {
        Path file = dir.resolve("davis346.aedat4");
        try (Aedat4Writer w = Aedat4Writer.create(file, SensorGeometry.pixels(346, 260), Aedat4Compression.NONE)) {
            w.write(Events.builder(SensorGeometry.pixels(346, 260)).add(0, 345, 1, 1).build());
        }

        int code = replay(file.toString(), "--modality", "vision", "--sensor", "320x240", "--bootstrap", "127.0.0.1:1");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("sensor(320,240,2), does not hold", "sensor(346,260,2)");
    }
}

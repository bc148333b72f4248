package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.connectors.format.hdf5.NTidigits;
import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.connectors.registry.ConfluentRestRegistry;
import io.liquidstream.connectors.registry.WireFormat;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.codec.AnyEncodingDecoder;
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
}

package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.connectors.format.aedat.Aedat4Compression;
import io.liquidstream.connectors.format.aedat.Aedat4Writer;
import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.connectors.service.ServiceConfig;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.bundle.DenseStack;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.WeightSourceSpec;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.ProjectionHead;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The case a new user met: a 320x240 camera's recording replayed to a service whose model reads a 34x34
 * sensor. Every packet is dead-lettered as ADDRESS_OUT_OF_RANGE; replay must say so, with the count.
 */
class DeadLetterNoticeTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    private static ModelBundle visionBundle() {
        ReservoirSpec vision = ReservoirPreset.VISION_CLIP.spec(1).withNeurons(64);
        ProjectionHead h = ProjectionHead.create(64, new int[0], 64, Activation.GELU, 3);
        return new ModelBundle(List.of(new ModalityModel("vision", InputSpec.visionProbe(), vision,
                new WeightSourceSpec.Ideal(), new DenseStack(h.layerDims(), "GELU", h.exportWeights()))),
                0.1, List.of(), Map.of());
    }

    private static Path qvgaRecording(Path file, int n) throws Exception {
        SensorGeometry qvga = SensorGeometry.pixels(320, 240);
        SplittableRandom r = new SplittableRandom(1);
        Events.Builder b = Events.builder(qvga, n);
        for (int i = 0; i < n; i++) {
            b.add(1_700_000_000_000_000L + i * 50L, 100 + r.nextInt(220), 100 + r.nextInt(140), r.nextInt(2));
        }
        try (Aedat4Writer writer = Aedat4Writer.create(file, qvga, Aedat4Compression.LZ4)) {
            writer.write(b.build());
        }
        return file;
    }

    private static void awaitMembers(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the service never joined group " + group);
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void givenARecordingFromALargerSensorThanTheModels_replaySaysTheServiceDeadLetteredEveryPacketAndWhy()
            throws Exception {
        String prefix = "dln-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        Map<String, Object> props = new HashMap<>();
        props.put(ServiceConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(ServiceConfig.MODEL_PATH, "in-memory");
        props.put(ServiceConfig.GROUP_ID, prefix + "group");
        props.put(ServiceConfig.EVENTS_TOPIC_PREFIX, prefix + "events.");
        props.put(ServiceConfig.EMBEDDINGS_TOPIC_PREFIX, prefix + "embeddings.");
        props.put(ServiceConfig.ASSOCIATIONS_TOPIC, prefix + "associations");
        props.put(ServiceConfig.ANCHORS_TOPIC, prefix + "anchors");
        props.put(ServiceConfig.DLQ_TOPIC, prefix + "dlq");
        // without an announcement the addresses alone decide (ServiceSensorsTest covers SENSOR_MISMATCH)
        props.put(ServiceConfig.SENSORS_TOPIC, prefix + "sensors");
        Path recording = qvgaRecording(dir.resolve("dvxplorer-lite.aedat4"), 5_000);
        StringWriter out = new StringWriter();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        int code;
        try (LiquidStreamService service = LiquidStreamService.start(new ServiceConfig(props), visionBundle(),
                new SimpleMeterRegistry())) {
            awaitMembers(prefix + "group");
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            try {
                CommandLine cli = LiquidStreamCli.commandLine();
                cli.setOut(new PrintWriter(out, true));
                cli.setErr(new PrintWriter(new StringWriter(), true));
                code = cli.execute("replay", recording.toString(), "--modality", "vision", "--source", "qvga-1",
                        "--topic", prefix + "events.vision", "--bootstrap", kafka.bootstrapServers(), "--speed", "max",
                        "--packet-events", "500", "--dead-letter-topic", prefix + "dlq", "--service-group",
                        prefix + "group", "--no-sensor-info", "--json");
            } finally {
                System.setErr(systemErr);
            }
        }

        JsonNode summary = new ObjectMapper().readTree(out.toString());
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(DeadLetterOptions.DEAD_LETTERED_EXIT);
        assertThat(summary.get("packets").asLong()).isEqualTo(10);
        assertThat(summary.get("deadLettered").asLong()).isEqualTo(10);
        assertThat(summary.get("deadLetterReasons").get("ADDRESS_OUT_OF_RANGE").asLong()).isEqualTo(10);
        assertThat(err).contains("replay: the service dead-lettered 1 of your packets: ADDRESS_OUT_OF_RANGE (event 0"
                + " address (x=");
        assertThat(err).contains("replay: the service dead-lettered 10 of the 10 packets sent: 10 ADDRESS_OUT_OF_RANGE");
    }
}

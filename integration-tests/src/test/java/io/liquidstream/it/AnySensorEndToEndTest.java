package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.cli.LiquidStreamCli;
import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A new user's path with sensors of other sizes than the built-in ones, through the documented commands
 * on files in the real formats: a 320x240 event camera (AEDAT 4.0) and a 1024-electrode array (SHD),
 * trained with their input specs, replayed and served with nothing dead-lettered; and a 34x34 camera sent
 * to that model, refused by name.
 */
class AnySensorEndToEndTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    private static String run(String... args) {
        CommandLine cli = LiquidStreamCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertThat(code).as("exit code of %s; stderr: %s", String.join(" ", args), err).isZero();
        return out.toString();
    }

    private static JsonNode replay(ServiceTopics topics, Path input, String modality, String source, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", input.toString(), "--modality", modality,
                "--source", source, "--speed", "max", "--bootstrap", kafka.bootstrapServers(), "--topic",
                topics.events(modality), "--sensors-topic", topics.sensors(), "--json"));
        args.addAll(List.of(more));
        return new ObjectMapper().readTree(run(args.toArray(String[]::new)));
    }

    @Test
    void givenA320x240CameraAndA1024ElectrodeArray_trainedWithTheirSpecsEverySampleIsServedAndNothingDeadLettered()
            throws Exception {
        Path data = dir.resolve("wide");
        run("dataset", "strokes", "--out", data.toString(), "--sensor", "320x240", "--electrodes", "1024",
                "--per-class", "2", "--test-per-class", "1");
        Path small = dir.resolve("nmnist-like");
        run("dataset", "strokes", "--out", small.toString(), "--per-class", "1", "--test-per-class", "1");
        Path model = dir.resolve("model.lsm");
        String trained = run("train", "--pair", "neural=" + data.resolve("neural") + ",vision=" + data.resolve("vision"),
                "--input", "vision=sensor(320,240,2)|downsample(10,8)|polarity(1)|bins(50)",
                "--input", "neural=sensor(1024,1,1)|fixed(201)", "--out", model.toString(), "--epochs", "2",
                "--no-open-set");
        assertThat(trained).contains("vision input vision=sensor(320,240,2)|downsample(10,8)|polarity(1)|fixed(50): "
                + "960 reservoir inputs", "neural input neural=sensor(1024,1,1)|fixed(201): 1024 reservoir inputs");
        ModelBundle bundle = ModelBundle.read(model);
        assertThat(bundle.modality("vision").input().expectedGeometry()).isEqualTo(SensorGeometry.pixels(320, 240));
        assertThat(bundle.modality("vision").reservoir().inputs()).isEqualTo(32 * 30);
        assertThat(bundle.modality("neural").reservoir().inputs()).isEqualTo(1024);

        ServiceTopics topics = ServiceTopics.fresh("any-sensor");
        JsonNode camera = replay(topics, data.resolve("vision"), "vision", "lite-1");
        JsonNode array = replay(topics, data.resolve("neural/test.h5"), "neural", "rig-1", "--sensor", "1024");
        JsonNode wrong = replay(topics, small.resolve("vision"), "vision", "nmnist-1");
        assertThat(camera.get("samples").asInt()).isEqualTo(30);
        assertThat(array.get("samples").asInt()).isEqualTo(10);

        try (LiquidStreamService service = LiquidStreamService.start(topics.config(kafka.bootstrapServers(), false),
                bundle, new SimpleMeterRegistry())) {
            AvroSingleObjectCodec<Association> codec = AvroSingleObjectCodec.of(Association.class);
            List<String> ids = Outputs.records(kafka.bootstrapServers(), topics.associations(), 40).stream()
                    .map(r -> codec.decode(r.value()).getSource().toString()).toList();
            List<ConsumerRecord<String, byte[]>> dlq = Outputs.records(kafka.bootstrapServers(), topics.dlq(),
                    wrong.get("packets").asInt());

            assertThat(ids).filteredOn("lite-1"::equals).hasSize(30);
            assertThat(ids).filteredOn("rig-1"::equals).hasSize(10);
            assertThat(ids).doesNotContain("nmnist-1");
            assertThat(dlq).hasSize(wrong.get("packets").asInt()).allSatisfy(d -> {
                assertThat(d.key()).isEqualTo("nmnist-1");
                assertThat(new String(d.headers().lastHeader("lsm.error.reason").value(), StandardCharsets.UTF_8))
                        .isEqualTo("SENSOR_MISMATCH");
            });
            assertThat(service.failure()).isNull();
        }
    }
}

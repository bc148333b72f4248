package io.liquidstream.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Confluent wire format as another implementation reads and writes it: the npm package
 * {@code @kafkajs/confluent-schema-registry} (its own registry client and Avro codec, avsc), run by node
 * against the same registry. Needs node and npm (CI installs them); the package is installed once into
 * {@code ~/.cache/liquidstream/npm-interop}. Skipped without node outside CI.
 */
class KafkaJsInteropTest {

    private static final String PACKAGE = "@kafkajs/confluent-schema-registry@4.1.0";
    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "liquidstream", "npm-interop");
    private static Path script;

    private final EventPacket packet = packet();

    @BeforeAll
    static void installThePackage() throws Exception {
        boolean node = run(List.of("node", "--version"), null).exit == 0;
        String ci = System.getenv("CI");
        if (!node && ci != null && !ci.isEmpty()) {
            throw new IllegalStateException("expected node and npm on the PATH under CI (.ci/run installs npm)");
        }
        Assumptions.assumeTrue(node, "node is not installed");
        if (!Files.isDirectory(CACHE.resolve("node_modules/@kafkajs/confluent-schema-registry"))) {
            Files.createDirectories(CACHE);
            Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", CACHE.toString(),
                    PACKAGE), null);
            assertThat(install.exit).as("npm install %s: %s", PACKAGE, install.err).isZero();
        }
        script = Files.createTempFile("kafkajs-interop", ".js");
        script.toFile().deleteOnExit();
        try (InputStream in = KafkaJsInteropTest.class.getResourceAsStream("/registry/kafkajs-interop.js")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void givenAPacketInOurConfluentFormat_kafkajsDecodesItThroughTheRegistry() throws Exception {
        try (ConfluentRestRegistry registry = ConfluentRestRegistry.start()) {
            byte[] bytes = WireFormat.confluent(SchemaRegistryClient.of(registry.url()))
                    .writer(EventPacket.class, "lsm.events.vision").apply(packet);

            Result r = node("decode", registry.url(), HexFormat.of().formatHex(bytes));

            assertThat(r.exit).as(r.err).isZero();
            JsonNode decoded = new ObjectMapper().readTree(r.out);
            assertThat(decoded.get("source").asText()).isEqualTo("dvs-1");
            assertThat(decoded.get("modality").asText()).isEqualTo("VISION");
            assertThat(decoded.get("seq").asLong()).isEqualTo(7);
            assertThat(decoded.get("t0Micros").asLong()).isEqualTo(1_700_000_000_000_000L);
            assertThat(decoded.get("x").toString()).isEqualTo("[1,2,3]");
            assertThat(decoded.get("p").toString()).isEqualTo("[1,0,1]");
            assertThat(decoded.get("sampleId").asText()).isEqualTo("trial-3");
            assertThat(decoded.get("label").asInt()).isEqualTo(8);
            assertThat(decoded.get("endOfSample").asBoolean()).isTrue();
        }
    }

    @Test
    void givenARecordKafkajsEncodedWithTheRegisteredSchema_ourDecoderReadsIt() throws Exception {
        try (ConfluentRestRegistry registry = ConfluentRestRegistry.start()) {
            SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
            int id = client.register("lsm.events.vision-value", EventPacket.getClassSchema());
            String json = "{\"source\":\"dvs-1\",\"modality\":\"VISION\",\"seq\":7,\"t0Micros\":1700000000000000,"
                    + "\"dt\":[0,5,9],\"x\":[1,2,3],\"y\":[4,5,6],\"p\":[1,0,1],\"sampleId\":\"trial-3\",\"label\":8,"
                    + "\"endOfSample\":true}";

            Result r = node("encode", registry.url(), Integer.toString(id), json);

            assertThat(r.exit).as(r.err).isZero();
            EventPacket read = WireFormat.of(WireFormat.SINGLE_OBJECT, registry.url()).reader(EventPacket.class)
                    .decode(HexFormat.of().parseHex(r.out.strip()));
            assertThat(read).isEqualTo(packet);
        }
    }

    private static EventPacket packet() {
        EventPacket p = EventPackets.fromColumns("dvs-1", Modality.VISION, 7, 1_700_000_000_000_000L,
                new int[] {0, 5, 9}, new int[] {1, 2, 3}, new int[] {4, 5, 6}, new int[] {1, 0, 1});
        p.setSampleId("trial-3");
        p.setLabel(8);
        p.setEndOfSample(true);
        return p;
    }

    private static Result node(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(List.of(args));
        return run(command, CACHE.resolve("node_modules"));
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command, Path nodePath) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (nodePath != null) {
            builder.environment().put("NODE_PATH", nodePath.toString());
        }
        Path out = Files.createTempFile("interop", ".out");
        Path err = Files.createTempFile("interop", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            return new Result(-1, "", e.getMessage());
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "", String.join(" ", command) + " did not finish within 300 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }
}

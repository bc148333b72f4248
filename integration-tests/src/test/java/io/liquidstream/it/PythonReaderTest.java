package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Embedding;
import io.liquidstream.schemas.Match;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Python reader the operations guide shows ({@code docs/python/read_topic.py}, on Debian's python3 with
 * python3-avro and python3-confluent-kafka) against the service's real output on a real broker: it must
 * decode every association and embedding as the Java codec does. And the guide's copy must be that file.
 *
 * <p>Where Debian's python3 lacks the two packages the run is skipped, or fails when {@code CI} is set.
 */
class PythonReaderTest {

    private static final int SAMPLES = 12;
    private static final String MISSING = "Expected Debian's python3 with the avro and confluent_kafka modules for "
            + "the Python reader; run .ci/run or apt-get install python3-avro python3-confluent-kafka";

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The repository root: the first folder up from here holding docs/python/read_topic.py. */
    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/python/read_topic.py"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Expected docs/python/read_topic.py in " + Path.of("").toAbsolutePath()
                + " or a folder above it, found none");
    }

    /** Debian's interpreter (other Pythons on PATH, e.g. pyenv's, lack the Debian modules). */
    private static String python() {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        boolean ready;
        try {
            Process check = new ProcessBuilder(python, "-c", "import avro.io, confluent_kafka")
                    .redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            ready = check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            ready = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready = false;
        }
        String ci = System.getenv("CI");
        if (!ready && ci != null && !ci.isEmpty()) {
            throw new IllegalStateException(MISSING);
        }
        Assumptions.assumeTrue(ready, MISSING);
        return python;
    }

    /** Runs the reader on {@code topic} until it has printed {@code count} records; its JSON lines. */
    private static List<JsonNode> read(String topic, int count) throws Exception {
        Process process = new ProcessBuilder(python(), root().resolve("docs/python/read_topic.py").toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--topic", topic, "--max", String.valueOf(count),
                "--timeout", "90").start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        String out = drain(process.getInputStream());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the reader finished").isTrue();
        assertThat(process.exitValue()).as("exit status; stderr: %s", err.get()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static String drain(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void givenTheServicesOutput_thePythonReaderDecodesEachRecordAsTheJavaCodecDoes() throws Exception {
        ServiceTopics topics = ServiceTopics.fresh("python");
        try (LiquidStreamService service = LiquidStreamService.start(topics.config(kafka.bootstrapServers(), false),
                TestModel.bundle(), new SimpleMeterRegistry());
             Traffic traffic = new Traffic(kafka.bootstrapServers(), topics, 3)) {
            traffic.send(SAMPLES);
            traffic.flush();
            List<ConsumerRecord<String, byte[]>> associations = Outputs.records(kafka.bootstrapServers(),
                    topics.associations(), SAMPLES);
            int visionSamples = traffic.sent(ServiceTopics.VISION).size();
            List<ConsumerRecord<String, byte[]>> embeddings = Outputs.records(kafka.bootstrapServers(),
                    topics.embeddings(ServiceTopics.VISION), visionSamples);

            List<JsonNode> pythonAssociations = read(topics.associations(), associations.size());
            List<JsonNode> pythonEmbeddings = read(topics.embeddings(ServiceTopics.VISION), embeddings.size());

            assertThat(service.failure()).isNull();
            assertSameAssociations(associations, pythonAssociations);
            assertSameEmbeddings(embeddings, pythonEmbeddings);
        }
    }

    private static void assertSameAssociations(List<ConsumerRecord<String, byte[]>> records, List<JsonNode> lines) {
        AvroSingleObjectCodec<Association> codec = AvroSingleObjectCodec.of(Association.class);
        Map<String, JsonNode> byPosition = byPosition(lines);
        assertThat(lines).hasSize(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            Association java = codec.decode(record.value());
            JsonNode line = byPosition.get(record.partition() + "@" + record.offset());
            assertThat(line).as("the reader's line for %s@%s", record.partition(), record.offset()).isNotNull();
            assertThat(line.has("error")).as("the reader failed: %s", line).isFalse();
            assertThat(line.get("type").asText()).isEqualTo("Association");
            assertThat(line.get("key").asText()).isEqualTo(record.key());
            JsonNode python = line.get("value");
            assertThat(python.get("sampleId").asText()).isEqualTo(java.getSampleId());
            assertThat(python.get("source").asText()).isEqualTo(java.getSource());
            assertThat(python.get("modality").asText()).isEqualTo(java.getModality().name());
            assertThat(python.get("predictedClass").isNull() ? null : python.get("predictedClass").asInt())
                    .isEqualTo(java.getPredictedClass());
            assertThat(python.get("label").isNull() ? null : python.get("label").asInt()).isEqualTo(java.getLabel());
            assertThat(python.get("emitMicros").asLong()).isEqualTo(java.getEmitMicros());
            assertThat(python.get("matches")).hasSize(java.getMatches().size());
            for (int i = 0; i < java.getMatches().size(); i++) {
                Match match = java.getMatches().get(i);
                JsonNode m = python.get("matches").get(i);
                assertThat((float) m.get("score").asDouble()).isEqualTo(match.getScore());
                assertThat(m.get("modality").asText()).isEqualTo(match.getModality().name());
                assertThat(m.get("classLabel").isNull() ? null : m.get("classLabel").asInt())
                        .isEqualTo(match.getClassLabel());
            }
        }
    }

    private static void assertSameEmbeddings(List<ConsumerRecord<String, byte[]>> records, List<JsonNode> lines) {
        AvroSingleObjectCodec<Embedding> codec = AvroSingleObjectCodec.of(Embedding.class);
        Map<String, JsonNode> byPosition = byPosition(lines);
        assertThat(lines).hasSize(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            Embedding java = codec.decode(record.value());
            JsonNode line = byPosition.get(record.partition() + "@" + record.offset());
            assertThat(line).as("the reader's line for %s@%s", record.partition(), record.offset()).isNotNull();
            assertThat(line.has("error")).as("the reader failed: %s", line).isFalse();
            assertThat(line.get("type").asText()).isEqualTo("Embedding");
            assertThat(line.at("/value/sampleId").asText()).isEqualTo(java.getSampleId());
            List<Float> vector = new ArrayList<>();
            line.at("/value/vector").forEach(v -> vector.add((float) v.asDouble()));
            assertThat(vector).hasSize(64).isEqualTo(java.getVector());
        }
    }

    private static Map<String, JsonNode> byPosition(List<JsonNode> lines) {
        Map<String, JsonNode> byPosition = new HashMap<>();
        for (JsonNode line : lines) {
            byPosition.put(line.get("partition").asInt() + "@" + line.get("offset").asLong(), line);
        }
        return byPosition;
    }

    @Test
    void theOperationsGuideShowsTheReaderVerbatim() throws IOException {
        Path root = root();
        String guide = Files.readString(root.resolve("docs/operations.md"));
        String marker = "<!-- docs/python/read_topic.py, verbatim (PythonReaderTest compares them) -->\n```python\n";
        int start = guide.indexOf(marker);
        assertThat(start).as("the guide's marker before the reader's copy").isNotNegative();
        int from = start + marker.length();
        String copy = guide.substring(from, guide.indexOf("```\n", from));

        assertThat(copy).isEqualTo(Files.readString(root.resolve("docs/python/read_topic.py")));
    }
}

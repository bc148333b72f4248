package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.connectors.anchors.AnchorRecords;
import io.liquidstream.connectors.format.hdf5.NTidigits;
import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.connectors.service.ServiceConfig;
import io.liquidstream.connectors.service.ServiceFixture;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.bundle.DenseStack;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.WeightSourceSpec;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.ProjectionHead;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code liquidstream anchors add | list | remove} against a real broker and a running service. */
class AnchorsCommandTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    private final ServiceFixture topics = new ServiceFixture(kafka.broker(), "anchors-cli");
    private final String prefix = topics.prefix;
    private final String topic = prefix + "anchors";

    private StringWriter out;
    private StringWriter err;

    private JsonNode anchors(String... args) throws Exception {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = LiquidStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("anchors"));
        all.addAll(List.of(args));
        if (!all.contains("--bootstrap")) {
            all.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers()));
        }
        all.addAll(List.of("--topic", topic, "--json"));
        int code = cli.execute(all.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void givenADataSet_addListServeAndRemove_theServiceAssociatesWithTheRegisteredClassesUntilTheyAreRemoved()
            throws Exception {
        Path digits = dir.resolve("digits");
        // Class 8 lights the upper half of the centre crop, class 3 the lower half: their embeddings differ.
        for (int i = 0; i < 3; i++) {
            NmnistFolder.write(digits, "Train", new LabeledSample("eight-" + i, 8, strip(9, 16, i)));
        }
        NmnistFolder.write(digits, "Train", new LabeledSample("three-0", 3, strip(17, 24, 7)));

        JsonNode added = anchors("add", "--class", "8", "--name", "eight", "--from", digits.toString(), "--count", "2");
        anchors("add", "--class", "3", "--from", digits.toString(), "--bootstrap", kafka.bootstrapServers());
        JsonNode listed = anchors("list");

        assertThat(added.get("published").asInt()).isEqualTo(2);
        assertThat(added.get("modality").asText()).as("a folder holds vision samples").isEqualTo("vision");
        assertThat(listed.get("anchors").asInt()).isEqualTo(3);
        JsonNode eight = listed.get("classes").get(1);
        assertThat(eight.get("class").asInt()).isEqualTo(8);
        assertThat(eight.get("name").asText()).isEqualTo("eight");
        assertThat(eight.get("count").get("vision").asInt()).isEqualTo(2);
        assertThat(eight.get("ids")).extracting(JsonNode::asText)
                .containsExactly("class-8/vision/Train/8/eight-0.bin", "class-8/vision/Train/8/eight-1.bin");
        assertThat(listed.get("classes").get(0).get("count").get("vision").asInt()).as("class 3").isEqualTo(1);

        try (LiquidStreamService service = LiquidStreamService.start(config(), bundle(), new SimpleMeterRegistry());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                     kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            assertThat(ServiceFixture.await(() -> service.anchorCount() == 3)).isTrue();
            Association asEight = query(producer, 0, strip(9, 16, 0));

            JsonNode removed = anchors("remove", "--class", "8");
            assertThat(ServiceFixture.await(() -> service.anchorCount() == 1)).isTrue();
            Association afterRemoval = query(producer, 1, strip(9, 16, 0));

            assertThat(asEight.getPredictedClass()).isEqualTo(8);
            assertThat(asEight.getPredictedTrained()).as("registered at run time").isFalse();
            assertThat(removed.get("removed").asInt()).isEqualTo(2);
            assertThat(afterRemoval.getPredictedClass()).as("only class 3 is left").isEqualTo(3);
            assertThat(service.failure()).isNull();
        }
        JsonNode removedById = anchors("remove", "--id", "class-3/vision/Train/3/three-0.bin", "--id", "no-such-anchor");
        JsonNode empty = anchors("list");

        assertThat(removedById.get("removed").asInt()).isEqualTo(1);
        assertThat(removedById.get("notRegistered")).extracting(JsonNode::asText).containsExactly("no-such-anchor");
        assertThat(empty.get("anchors").asInt()).isZero();
        assertThat(empty.get("classes")).isEmpty();
    }

    @Test
    void givenNoAnchorsTopic_listShowsNoAnchorsAndLeavesTheTopicUncreated() throws Exception {
        JsonNode listed = anchors("list");

        assertThat(listed.get("anchors").asInt()).isZero();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    @Test
    void givenAnHdf5DataSetWithoutModality_addFailsNamingTheOption() throws Exception {
        Path h5 = dir.resolve("spoken.h5");
        Events spoken = Events.builder(NTidigits.GEOMETRY).add(0, 3, 0, 0).add(1_000, 5, 0, 0).build();
        NTidigits.write(h5, List.of(new LabeledSample("man-aa-8", 8, spoken)), List.of(), s -> "8");
        err = new StringWriter();
        CommandLine cli = LiquidStreamCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("anchors", "add", "--class", "8", "--from", h5.toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--topic", topic);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("--modality");
    }

    /** 300 ON events in rows {@code fromRow..toRow} of the centre crop, over 30 ms. */
    private static Events strip(int fromRow, int toRow, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Events.Builder b = Events.builder(SensorGeometry.pixels(34, 34));
        for (int i = 0; i < 300; i++) {
            b.add(i * 100L, 9 + r.nextInt(16), fromRow + r.nextInt(toRow - fromRow + 1), 1);
        }
        return b.build();
    }

    private Association query(KafkaProducer<String, byte[]> producer, int n, Events events) throws Exception {
        EventPacket packet = AnchorRecords.packet("q/camera", Modality.VISION, events, "q" + n, null);
        packet.setSeq(n);
        producer.send(new ProducerRecord<>(prefix + "events.vision", "q/camera",
                AvroSingleObjectCodec.of(EventPacket.class).encode(packet))).get();
        AvroSingleObjectCodec<Association> codec = AvroSingleObjectCodec.of(Association.class);
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("group.id", "check-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(prefix + "associations"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Association a = codec.decode(r.value());
                    if (a.getSampleId().toString().equals("q" + n)) {
                        return a;
                    }
                }
            }
        }
        throw new AssertionError("no association for q" + n);
    }

    private ServiceConfig config() {
        return topics.config(Map.of(ServiceConfig.METRICS_PORT, 0));
    }

    /** A vision-only model with a random head, trained on nothing: every class is a run-time class. */
    private static ModelBundle bundle() {
        ProjectionHead h = ProjectionHead.create(64, new int[0], 64, Activation.GELU, 3);
        return new ModelBundle(List.of(new ModalityModel("vision", InputSpec.visionProbe(),
                ReservoirPreset.VISION_CLIP.spec(1).withNeurons(64), new WeightSourceSpec.Ideal(),
                new DenseStack(h.layerDims(), "GELU", h.exportWeights()))), 0.1, List.of(), Map.of());
    }
}

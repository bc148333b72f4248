package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.Embedding;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Match;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.SensorInfo;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.liquidstream.schemas.codec.ConfluentWireCodec;
import io.liquidstream.schemas.codec.InMemorySchemaIdLookup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code liquidstream tail} on a real broker, over a topic holding one record of every message type and worse. */
class TailCommandTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int tail(String... args) {
        CommandLine cli = LiquidStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("tail", "--bootstrap-servers", kafka.bootstrapServers()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    static List<Float> vector() {
        List<Float> v = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            v.add((float) Math.sin(i) / 4);
        }
        return v;
    }

    static EventPacket packet() {
        int[] dt = new int[10];
        int[] x = new int[10];
        for (int i = 0; i < 10; i++) {
            dt[i] = i * 100;
            x[i] = i % 4;
        }
        EventPacket packet = EventPackets.fromColumns("rig-1", Modality.NEURAL, 7L, 1_000_000L, dt, x, new int[0],
                new int[0]);
        packet.setSampleId("trial-3");
        packet.setLabel(2);
        return packet;
    }

    static Embedding embedding() {
        return Embedding.newBuilder().setSource("rig-1").setModality(Modality.NEURAL).setSampleId("trial-3")
                .setModelVersion("m1").setVector(vector()).setFirstEventMicros(1L).setWindowCloseMicros(2L)
                .setEmitMicros(3L).setLabel(2).build();
    }

    static Association association() {
        return Association.newBuilder().setSource("rig-1").setModality(Modality.NEURAL).setSampleId("trial-3")
                .setMatches(List.of(
                        Match.newBuilder().setClassLabel(2).setModality(Modality.VISION).setScore(0.91f).build(),
                        Match.newBuilder().setClassLabel(5).setModality(Modality.NEURAL).setScore(0.125f).build()))
                .setPredictedClass(2).setPredictedTrained(true).setLabel(2).setModelVersion("m1")
                .setFirstEventMicros(1L).setWindowCloseMicros(2L).setEmitMicros(3L).build();
    }

    static SensorInfo sensorInfo() {
        return SensorInfo.newBuilder().setSource("rig-1").setModality(Modality.NEURAL).setWidth(96).setHeight(1)
                .setPolarities(1).setChannels(96).build();
    }

    static ClassAnchor anchor() {
        return ClassAnchor.newBuilder().setAnchorId("anchor-9").setClassLabel(9).setModality(Modality.NEURAL)
                .setExemplar(embedding()).setCreatedMicros(4L).setClassName("nine").build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] singleObject(SpecificRecord record) {
        return AvroSingleObjectCodec.of((Class) record.getClass()).encode(record);
    }

    /** A one-partition topic holding every message type, then a registry-framed record, garbage and a tombstone. */
    private static String topicOfEverything() {
        String topic = "tail-" + UUID.randomUUID();
        kafka.broker().createTopic(topic, 1);
        InMemorySchemaIdLookup registry = new InMemorySchemaIdLookup();
        registry.register(17, Association.getClassSchema());
        send(topic, List.of(singleObject(packet()), singleObject(sensorInfo()), singleObject(embedding()),
                singleObject(association()), singleObject(anchor()),
                new ConfluentWireCodec<>(Association.class, registry).encode(association()),
                "hello".getBytes(StandardCharsets.UTF_8)), true);
        return topic;
    }

    private static void send(String topic, List<byte[]> values, boolean tombstone) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, "rig-1", value));
            }
            if (tombstone) {
                producer.send(new ProducerRecord<>(topic, "anchor-9", null));
            }
            producer.flush();
        }
    }

    @Test
    void givenEveryMessageType_jsonLinesCarryEachWholeMessageAndSayWhyOthersDoNotDecode() throws Exception {
        String topic = topicOfEverything();

        int code = tail(topic, "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : lines()) {
            lines.add(mapper.readTree(line));
        }
        assertThat(lines).hasSize(8);
        assertThat(lines).extracting(l -> l.path("type").asText(null)).containsExactly("EventPacket", "SensorInfo",
                "Embedding", "Association", "ClassAnchor", null, null, null);
        assertThat(lines.get(0).at("/value/x").size()).isEqualTo(10);
        assertThat(lines.get(0).at("/value/modality").asText()).isEqualTo("NEURAL");
        List<Float> vector = new ArrayList<>();
        lines.get(2).at("/value/vector").forEach(v -> vector.add(v.floatValue()));
        assertThat(vector).isEqualTo(vector());
        assertThat(lines.get(3).at("/value/matches/0/score").floatValue()).isEqualTo(0.91f);
        assertThat(lines.get(3).at("/value/predictedTrained").asBoolean()).isTrue();
        assertThat(lines.get(3).get("encoding").asText()).isEqualTo("single-object");
        assertThat(lines.get(4).at("/value/exemplar/vector").size()).isEqualTo(64);
        assertThat(lines.get(5).get("error").asText()).contains("UNKNOWN_SCHEMA", "schema id 17", "no registry was given");
        assertThat(lines.get(6).get("error").asText()).startsWith("BAD_MAGIC");
        assertThat(lines.get(7).get("key").asText()).isEqualTo("anchor-9");
        assertThat(lines.get(7).get("value").isNull()).isTrue();
        assertThat(err.toString()).contains("tail: 8 records from " + topic + " (1 partitions), 2 undecodable");
    }

    @Test
    void givenEveryMessageType_tableLinesCutLongArraysToTheirFirstValuesAndLength() {
        String topic = topicOfEverything();

        int code = tail(topic);

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = lines();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).contains(" p0@0 EventPacket source=rig-1 modality=NEURAL seq=7 t0Micros=1000000 "
                + "dt=[0, 100, 200, 300, ... (10 ints)] x=[0, 1, 2, 3, ... (10 ints)] y=[] p=[] sampleId=trial-3 label=2");
        assertThat(lines.get(1)).contains("SensorInfo source=rig-1 modality=NEURAL width=96 height=1");
        assertThat(lines.get(2)).contains("Embedding ", "vector=[0.0000, 0.2104, 0.2273, 0.0353, ... (64 floats)]");
        assertThat(lines.get(3)).contains("Association ", "matches=[{classLabel=2, modality=VISION, score=0.9100}, "
                + "{classLabel=5, modality=NEURAL, score=0.1250}] predictedClass=2 label=2");
        assertThat(lines.get(4)).contains("ClassAnchor anchorId=anchor-9", "exemplar={source=rig-1",
                "(64 floats)]", "className=nine");
        assertThat(lines.get(5)).contains("undecodable key=rig-1 UNKNOWN_SCHEMA");
        assertThat(lines.get(7)).contains("p0@7 tombstone key=anchor-9");
    }

    @Test
    void givenFollow_printsOnlyRecordsSentAfterItStarted() throws Exception {
        String topic = "tail-" + UUID.randomUUID();
        kafka.broker().createTopic(topic, 2);
        send(topic, List.of(singleObject(sensorInfo())), false);

        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> tail(topic, "--follow", "--max", "2"));
        // Whenever tail starts reading, two of these arrive after it.
        while (!code.isDone()) {
            send(topic, List.of(singleObject(association())), false);
            Thread.sleep(200);
        }

        assertThat(code.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains("Association "));
    }

    @Test
    void givenFollowFromTheBeginning_printsWhatIsThereFirst() throws Exception {
        String topic = "tail-" + UUID.randomUUID();
        kafka.broker().createTopic(topic, 1);
        send(topic, List.of(singleObject(sensorInfo()), singleObject(embedding())), false);

        int code = CompletableFuture.supplyAsync(() -> tail(topic, "--follow", "--from-beginning", "--max", "2"))
                .get(30, TimeUnit.SECONDS);

        assertThat(code).as(err.toString()).isZero();
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).contains("SensorInfo ");
        assertThat(lines().get(1)).contains("Embedding ");
    }

    @Test
    void givenAMissingTopic_theErrorListsTheTopicsThere() {
        String topic = "tail-" + UUID.randomUUID();
        kafka.broker().createTopic(topic, 1);

        int code = tail("no-such-topic", "--timeout", "5s");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("topic 'no-such-topic' does not exist on " + kafka.bootstrapServers(), topic);
    }
}

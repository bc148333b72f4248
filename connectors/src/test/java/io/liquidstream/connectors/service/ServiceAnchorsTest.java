package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.Embedding;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Class anchors published to the compacted anchors topic while the service runs. */
class ServiceAnchorsTest {

    private static final String QUERY_SOURCE = "solo/vision";

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @Test
    void givenAnchorsAddedAndRemovedAtRunTime_laterQueriesArePredictedByTheAnchorsThenInPlace() throws Exception {
        ServiceFixture fixture = new ServiceFixture(kafka.broker(), "anchors");
        ModelBundle bundle = ServiceEndToEndTest.bundle();
        AvroSingleObjectCodec<Embedding> embeddings = AvroSingleObjectCodec.of(Embedding.class);
        try (LiquidStreamService service = LiquidStreamService.start(fixture.config(Map.of()), bundle,
                new SimpleMeterRegistry());
             KafkaProducer<String, byte[]> producer = fixture.producer()) {
            // The same events each time, so every query has the same embedding.
            Query query = new Query(fixture, producer);

            Association before = query.send(1);
            Embedding queryEmbedding = embeddings.decode(fixture.read(fixture.prefix + "embeddings.vision", 1)
                    .get(0).value());

            anchor(fixture, producer, "raw-7", 7, ServiceFixture.samplePacket(Modality.NEURAL, "pen", 0, "anchor", 7,
                    new SplittableRandom(99)));
            assertThat(ServiceFixture.await(() -> service.anchorCount() == 1)).isTrue();
            Association withRawAnchor = query.send(2);

            anchor(fixture, producer, "emb-3", 3, Embedding.newBuilder(queryEmbedding).setSource("catalogue")
                    .setModality(Modality.NEURAL).build());
            assertThat(ServiceFixture.await(() -> service.anchorCount() == 2)).isTrue();
            Association withExactAnchor = query.send(3);

            producer.send(new ProducerRecord<>(fixture.prefix + "anchors", "emb-3", null)).get();
            assertThat(ServiceFixture.await(() -> service.anchorCount() == 1)).isTrue();
            Association afterRemoval = query.send(4);

            assertThat(before.getPredictedClass()).as("no anchors, no paired windows").isNull();
            assertThat(withRawAnchor.getPredictedClass()).isEqualTo(7);
            assertThat(withRawAnchor.getMatches().get(0).getModality()).isEqualTo(Modality.NEURAL);
            assertThat(withRawAnchor.getMatches().get(0).getSampleId()).as("the class-7 prototype, not one anchor")
                    .isNull();
            assertThat(withRawAnchor.getPredictedTrained()).as("the test bundle has no anchors: nothing is trained")
                    .isFalse();
            assertThat(withExactAnchor.getPredictedClass()).isEqualTo(3);
            assertThat(withExactAnchor.getMatches().get(0).getScore()).isCloseTo(1.0f,
                    org.assertj.core.data.Offset.offset(1e-4f));
            assertThat(afterRemoval.getPredictedClass()).isEqualTo(7);
            assertThat(service.failure()).isNull();
        }
    }

    @Test
    void givenUnusableAnchors_eachGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        ServiceFixture fixture = new ServiceFixture(kafka.broker(), "bad-anchors");
        try (LiquidStreamService service = LiquidStreamService.start(fixture.config(Map.of()),
                ServiceEndToEndTest.bundle(), new SimpleMeterRegistry());
             KafkaProducer<String, byte[]> producer = fixture.producer()) {
            producer.send(new ProducerRecord<>(fixture.prefix + "anchors", "junk",
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
            anchor(fixture, producer, "audio-1", 1, ServiceFixture.samplePacket(Modality.NEURAL, "mic", 0, "a", 1,
                    new SplittableRandom(1)), Modality.AUDIO);
            anchor(fixture, producer, "short-2", 2, Embedding.newBuilder().setSource("catalogue")
                    .setModality(Modality.NEURAL).setModelVersion(ServiceEndToEndTest.bundle().version())
                    .setVector(Collections.nCopies(5, 0.5f)).setFirstEventMicros(0).setWindowCloseMicros(0)
                    .setEmitMicros(0).build());

            List<ConsumerRecord<String, byte[]>> dlq = fixture.read(fixture.prefix + "dlq", 3);

            Map<String, String> reasons = dlq.stream().collect(Collectors.toMap(ConsumerRecord::key,
                    d -> header(d, OutputRecords.REASON)));
            assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of("junk", "UNDECODABLE",
                    "audio-1", "UNKNOWN_MODALITY", "short-2", "MALFORMED"));
            assertThat(dlq).allSatisfy(d -> assertThat(header(d, OutputRecords.TOPIC))
                    .isEqualTo(fixture.prefix + "anchors"));
            assertThat(header(dlq.stream().filter(d -> d.key().equals("short-2")).findFirst().orElseThrow(),
                    OutputRecords.DETAIL)).contains("dimension 64").contains("found 5");
            assertThat(service.anchorCount()).isZero();
            assertThat(service.failure()).isNull();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void anchor(ServiceFixture fixture, KafkaProducer<String, byte[]> producer, String id, int label,
                               Object exemplar) throws Exception {
        anchor(fixture, producer, id, label, exemplar, Modality.NEURAL);
    }

    private static void anchor(ServiceFixture fixture, KafkaProducer<String, byte[]> producer, String id, int label,
                               Object exemplar, Modality modality) throws Exception {
        ClassAnchor anchor = ClassAnchor.newBuilder().setAnchorId(id).setClassLabel(label).setModality(modality)
                .setExemplar(exemplar).setCreatedMicros(0).build();
        producer.send(new ProducerRecord<>(fixture.prefix + "anchors", id,
                AvroSingleObjectCodec.of(ClassAnchor.class).encode(anchor))).get();
    }

    /** Sends the same vision events as successive samples of one source and reads back each association. */
    private static final class Query {
        private final ServiceFixture fixture;
        private final KafkaProducer<String, byte[]> producer;

        Query(ServiceFixture fixture, KafkaProducer<String, byte[]> producer) {
            this.fixture = fixture;
            this.producer = producer;
        }

        Association send(int n) throws Exception {
            EventPacket packet = ServiceFixture.samplePacket(Modality.VISION, QUERY_SOURCE, n, "q" + n, 7,
                    new SplittableRandom(42));
            producer.send(new ProducerRecord<>(fixture.prefix + "events.vision", QUERY_SOURCE,
                    ServiceFixture.encode(packet))).get();
            List<Association> all = fixture.associations(n);
            return all.stream().filter(a -> a.getSampleId().toString().equals("q" + n)).findFirst().orElseThrow(
                    () -> new AssertionError("no association for q" + n + " among " + all.size()));
        }
    }
}

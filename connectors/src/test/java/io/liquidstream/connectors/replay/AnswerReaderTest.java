package io.liquidstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnswerReaderTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    private static final AvroSingleObjectCodec<Association> CODEC = AvroSingleObjectCodec.of(Association.class);

    /** One association read back, with whether its sample was awaited. */
    private record Answer(String source, String sampleId, boolean awaited) {
    }

    @Test
    void givenTwoSourcesSendingTheSameSampleId_eachAnswerMatchesItsOwnSourceOnceAndARepeatIsNotAwaited() throws Exception {
        List<Answer> answers = read("same-id", 10, AnswerReader.BY_SOURCE_AND_SAMPLE,
                reader -> {
                    reader.sent("cam", "t1");
                    reader.sent("arm", "t1");
                    return List.of(association("cam", "t1"), association("arm", "t1"), association("cam", "t1"),
                            association("cam", "never-sent"));
                }, 4, 0);

        assertThat(answers).containsExactly(new Answer("cam", "t1", true), new Answer("arm", "t1", true),
                new Answer("cam", "t1", false), new Answer("cam", "never-sent", false));
    }

    @Test
    void givenIdsUniqueAcrossSources_answersMatchBySampleIdAlone() throws Exception {
        List<Answer> answers = read("by-id", 10, AnswerReader.BY_SAMPLE_ID,
                reader -> {
                    reader.sent(null, "s0");
                    reader.sent(null, "s1");
                    return List.of(association("cam-1", "s1"), association("cam-0", "s0"));
                }, 2, 0);

        assertThat(answers).containsExactly(new Answer("cam-1", "s1", true), new Answer("cam-0", "s0", true));
    }

    @Test
    void givenMoreSamplesAwaitedThanItsCapacity_theLongestAwaitedIsForgotten() throws Exception {
        List<Answer> answers = read("capacity", 2, AnswerReader.BY_SAMPLE_ID,
                reader -> {
                    reader.sent(null, "a");
                    reader.sent(null, "b");
                    reader.sent(null, "c");
                    assertThat(reader.awaiting()).isEqualTo(2);
                    return List.of(association("cam", "a"), association("cam", "b"), association("cam", "c"));
                }, 3, 0);

        assertThat(answers).containsExactly(new Answer("cam", "a", false), new Answer("cam", "b", true),
                new Answer("cam", "c", true));
    }

    /**
     * Starts a reader on a fresh topic, lets {@code send} note samples and name the associations to publish,
     * publishes them and returns the first {@code expected} answers once {@code awaitingAfter} samples are left.
     */
    private static List<Answer> read(String topic, int capacity, Function<Association, String> key,
            Function<AnswerReader, List<Association>> send, int expected, int awaitingAfter) throws Exception {
        List<Answer> answers = new CopyOnWriteArrayList<>();
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "answers-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        AnswerReader reader = new AnswerReader(consumer, capacity, key, (a, sent, now) -> {
            answers.add(new Answer(a.getSource(), a.getSampleId(), sent != null));
            assertThat(sent == null || now >= sent.nanos()).isTrue();
        });
        Thread thread = new Thread(reader, "answers-" + topic);
        thread.start();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (Association a : send.apply(reader)) {
                producer.send(new ProducerRecord<>(topic, "k", CODEC.encode(a))).get();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (answers.size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(answers).hasSize(expected);
            assertThat(reader.awaiting()).isEqualTo(awaitingAfter);
        } finally {
            reader.close();
            thread.join(5_000);
        }
        assertThat(thread.isAlive()).isFalse();
        return List.copyOf(answers);
    }

    private static Association association(String source, String sampleId) {
        return Association.newBuilder().setSource(source).setModality(Modality.VISION).setSampleId(sampleId)
                .setMatches(List.of()).setPredictedClass(null).setLabel(null).setModelVersion("m")
                .setFirstEventMicros(0).setWindowCloseMicros(10).setEmitMicros(20).build();
    }
}

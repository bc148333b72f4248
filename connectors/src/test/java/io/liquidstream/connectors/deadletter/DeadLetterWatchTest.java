package io.liquidstream.connectors.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which dead letters count as ours. The records here carry the headers the service writes (its end-to-end
 * test, DeadLetterNoticeTest, checks them against the real service).
 */
class DeadLetterWatchTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    private final List<DeadLetterWatch.Notice> notices = new ArrayList<>();

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> props() {
        return Map.of("bootstrap.servers", kafka.bootstrapServers());
    }

    private static void create(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(props())) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
        }
    }

    private static ProducerRecord<String, byte[]> deadLetter(String dlq, String key, String reason, String topic,
            int partition, long offset) {
        RecordHeaders h = new RecordHeaders();
        h.add("lsm.error.reason", reason.getBytes(StandardCharsets.UTF_8));
        h.add("lsm.error.detail", ("detail of " + reason).getBytes(StandardCharsets.UTF_8));
        h.add("lsm.source.topic", topic.getBytes(StandardCharsets.UTF_8));
        h.add("lsm.source.partition", Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
        h.add("lsm.source.offset", Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(dlq, null, key, new byte[] {1}, h);
    }

    private synchronized void hear(DeadLetterWatch.Notice n) {
        notices.add(n);
    }

    @Test
    void givenDeadLettersOfOthersAndOfEarlierRuns_onlyThoseOfThisRunsSourceAndOffsetsCount() throws Exception {
        String input = unique("events");
        String dlq = unique("dlq");
        create(input, 3);
        create(dlq, 2);
        int partition = DeadLetterWatch.partitionOf("cam-1", 3);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props(), new StringSerializer(),
                new ByteArraySerializer())) {
            // an earlier run: two packets sent, one of them dead-lettered before this run starts
            producer.send(new ProducerRecord<>(input, partition, "cam-1", new byte[] {0})).get();
            producer.send(new ProducerRecord<>(input, partition, "cam-1", new byte[] {0})).get();
            producer.send(deadLetter(dlq, "cam-1", "MALFORMED", input, partition, 0)).get();

            try (DeadLetterWatch watch = DeadLetterWatch.start(props(), dlq, "cam-1", input, this::hear)) {
                producer.send(deadLetter(dlq, "cam-1", "MALFORMED", input, partition, 1)).get(); // earlier run, read late
                producer.send(deadLetter(dlq, "cam-2", "MALFORMED", input, partition, 2)).get(); // another source
                producer.send(deadLetter(dlq, "cam-1", "MALFORMED", "other-topic", partition, 2)).get();
                producer.send(deadLetter(dlq, "cam-1", "ADDRESS_OUT_OF_RANGE", input, partition, 2)).get(); // ours
                producer.send(deadLetter(dlq, "cam-1", "ADDRESS_OUT_OF_RANGE", input, partition, 3)).get(); // ours
                producer.send(deadLetter(dlq, "cam-1", "BAD_TIME", input, partition, 4)).get(); // ours

                assertThat(watch.catchUp(Duration.ofSeconds(20))).isTrue();

                assertThat(watch.total()).isEqualTo(3);
                assertThat(watch.byReason()).containsExactly(Map.entry("ADDRESS_OUT_OF_RANGE", 2L),
                        Map.entry("BAD_TIME", 1L));
                assertThat(watch.detail("BAD_TIME")).isEqualTo("detail of BAD_TIME");
            }
        }
        // the first of each reason is told at once; the second ADDRESS_OUT_OF_RANGE within a second is not
        assertThat(notices).containsExactly(new DeadLetterWatch.Notice("ADDRESS_OUT_OF_RANGE", 1, 1,
                "detail of ADDRESS_OUT_OF_RANGE"), new DeadLetterWatch.Notice("BAD_TIME", 1, 3, "detail of BAD_TIME"));
    }

    @Test
    void givenNoDeadLetterTopicYet_itsRecordsCountOnceItAppears() throws Exception {
        String input = unique("events");
        String dlq = unique("dlq");
        try (DeadLetterWatch watch = DeadLetterWatch.start(props(), dlq, "cam-9", input, this::hear);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props(), new StringSerializer(),
                     new ByteArraySerializer())) {
            assertThat(watch.catchUp(Duration.ofSeconds(5))).isTrue();
            assertThat(watch.total()).isZero();
            create(dlq, 1);
            producer.send(deadLetter(dlq, "cam-9", "MALFORMED", input, 0, 0)).get();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (watch.total() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(watch.total()).isEqualTo(1);
        }
    }

    @Test
    void givenNoServiceInTheGroup_settlingDoesNotWait() throws Exception {
        String input = unique("events");
        create(input, 1);
        long started = System.nanoTime();

        ServiceCatchUp.Outcome outcome = ServiceCatchUp.await(props(), unique("nobody"), input, "cam-1",
                Duration.ofSeconds(30));

        assertThat(outcome).isEqualTo(ServiceCatchUp.Outcome.NO_SERVICE);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }
}

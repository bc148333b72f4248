package io.liquidstream.it;

import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Embedding;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the service's output topics back with a plain consumer, the way a downstream user would. */
final class Outputs {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final AvroSingleObjectCodec<Association> ASSOCIATIONS = AvroSingleObjectCodec.of(Association.class);
    private static final AvroSingleObjectCodec<Embedding> EMBEDDINGS = AvroSingleObjectCodec.of(Embedding.class);

    private Outputs() {
    }

    /** Sample ids of every association in the topic, read committed, once {@code expected} all arrived. */
    static List<String> associationIds(String bootstrap, String topic, Collection<String> expected) {
        return ids(bootstrap, topic, expected, v -> String.valueOf(ASSOCIATIONS.decode(v).getSampleId()));
    }

    /** As {@link #associationIds(String, String, Collection)}, read with the given client settings (e.g. SASL). */
    static List<String> associationIds(Map<String, Object> client, String topic, Collection<String> expected) {
        List<String> ids = new ArrayList<>();
        readUntil(client, topic, r -> ids.add(String.valueOf(ASSOCIATIONS.decode(r.value()).getSampleId())),
                () -> new HashSet<>(ids).containsAll(expected));
        return ids;
    }

    /** Sample ids of every embedding in the topic, read committed, once {@code expected} all arrived. */
    static List<String> embeddingIds(String bootstrap, String topic, Collection<String> expected) {
        return ids(bootstrap, topic, expected, v -> String.valueOf(EMBEDDINGS.decode(v).getSampleId()));
    }

    /**
     * Every record's id, read under read_committed until all of {@code expected} were seen (or
     * {@link #TIMEOUT}), then on to the end of the topic so that duplicates written after them show too.
     */
    static List<String> ids(String bootstrap, String topic, Collection<String> expected, Function<byte[], String> id) {
        List<String> ids = new ArrayList<>();
        readUntil(bootstrap, topic, r -> ids.add(id.apply(r.value())), () -> new HashSet<>(ids).containsAll(expected));
        return ids;
    }

    /** Every record of the topic (read committed), once at least {@code expected} arrived, to the end. */
    static List<ConsumerRecord<String, byte[]>> records(String bootstrap, String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        readUntil(bootstrap, topic, out::add, () -> out.size() >= expected);
        return out;
    }

    private static void readUntil(String bootstrap, String topic,
                                  java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink,
                                  java.util.function.BooleanSupplier enough) {
        readUntil(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic, sink, enough);
    }

    private static void readUntil(Map<String, Object> client, String topic,
                                  java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink,
                                  java.util.function.BooleanSupplier enough) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while ((consumer.assignment().isEmpty() || !enough.getAsBoolean()) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
            // read on to the current end, so records written after the expected ones (duplicates) count too
            Set<TopicPartition> assigned = consumer.assignment();
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            long endDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < endDeadline
                    && assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
        }
    }
}

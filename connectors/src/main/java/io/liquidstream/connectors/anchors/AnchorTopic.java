package io.liquidstream.connectors.anchors;

import io.liquidstream.connectors.service.TopicSetup;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.liquidstream.schemas.codec.RecordDecodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The compacted anchors topic ({@code lsm.anchors}, keyed by anchor id) as a catalogue: publish anchors,
 * read what is registered (the last value per key, tombstones applied, as the service and compaction see
 * it), and remove anchors by publishing tombstones.
 */
public final class AnchorTopic {

    private final Map<String, Object> client;
    private final String topic;
    private final Duration timeout;

    /**
     * @param clientProperties Kafka client settings, {@code bootstrap.servers} included
     * @param timeout how long the brokers may take to answer each step
     */
    public AnchorTopic(Map<String, Object> clientProperties, String topic, Duration timeout) {
        this.client = Map.copyOf(clientProperties);
        this.topic = topic;
        this.timeout = timeout;
    }

    public String topic() {
        return topic;
    }

    /**
     * Publishes anchors (keyed by their ids), creating the topic compacted, with one partition so that
     * every instance reads all anchors in the order they were published, when it is missing.
     */
    public void publish(List<ClassAnchor> anchors) {
        TopicSetup.ensure(client, List.of(topic), topic, 1, (short) 1);
        AvroSingleObjectCodec<ClassAnchor> codec = AvroSingleObjectCodec.of(ClassAnchor.class);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (ClassAnchor a : anchors) {
            records.add(new ProducerRecord<>(topic, a.getAnchorId().toString(), codec.encode(a)));
        }
        send(records);
    }

    /**
     * Publishes a tombstone for each id, so the service (and compaction) forget those anchors. A missing
     * topic is created as {@link #publish} creates it, rather than auto-created without compaction.
     */
    public void remove(Collection<String> anchorIds) {
        if (anchorIds.isEmpty()) {
            return;
        }
        TopicSetup.ensure(client, List.of(topic), topic, 1, (short) 1);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (String id : anchorIds) {
            records.add(new ProducerRecord<>(topic, id, null));
        }
        send(records);
    }

    /**
     * Every anchor registered now, in the order last published: the topic read from its beginning to
     * its current end, the last value per key kept, keys whose last value is a tombstone left out.
     * Records that are not {@code ClassAnchor}s are counted in {@link Catalogue#undecodable()}.
     */
    public Catalogue read() {
        Map<String, Object> props = new LinkedHashMap<>(client);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Looking must not create the topic: an auto-created one would not be compacted.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        AvroSingleObjectCodec<ClassAnchor> codec = AvroSingleObjectCodec.of(ClassAnchor.class);
        Map<String, ClassAnchor> latest = new LinkedHashMap<>();
        Map<String, Boolean> undecodable = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return new Catalogue(List.of(), 0);
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds()
                            + " s on " + client.get("bootstrap.servers"));
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    latest.remove(r.key());
                    undecodable.remove(r.key());
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        latest.put(r.key(), codec.decode(r.value()));
                    } catch (RecordDecodingException e) {
                        undecodable.put(r.key(), true);
                    }
                }
            }
        }
        return new Catalogue(List.copyOf(latest.values()), undecodable.size());
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void send(List<ProducerRecord<String, byte[]>> records) {
        Map<String, Object> props = new LinkedHashMap<>(client);
        int requestMillis = (int) Math.max(timeout.toMillis(), 1_000);
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestMillis);
        // Kafka wants the delivery timeout above linger plus request timeout.
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, requestMillis + 1_000);
        // Records of one anchor may be several hundred kB of raw events.
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (ProducerRecord<String, byte[]> r : records) {
                sent.add(producer.send(r));
            }
            for (Future<?> f : sent) {
                f.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish to " + topic + " on " + client.get("bootstrap.servers") + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("brokers " + client.get("bootstrap.servers") + " did not acknowledge "
                    + "the records to " + topic + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        }
    }

    /**
     * The anchors registered on the topic.
     *
     * @param anchors in the order last published
     * @param undecodable keys whose last value is not a ClassAnchor
     */
    public record Catalogue(List<ClassAnchor> anchors, int undecodable) {

        /** Ids of the anchors of a class, of one modality or (null) of every modality. */
        public List<String> idsOf(int classLabel, io.liquidstream.schemas.Modality modality) {
            return anchors.stream().filter(a -> a.getClassLabel() == classLabel
                    && (modality == null || a.getModality() == modality)).map(a -> a.getAnchorId().toString()).toList();
        }

        /** Whether an anchor with this id is registered. */
        public boolean contains(String anchorId) {
            return anchors.stream().anyMatch(a -> a.getAnchorId().toString().equals(anchorId));
        }

        /** Anchors grouped by class (ascending), each in publication order. */
        public Map<Integer, List<ClassAnchor>> byClass() {
            Map<Integer, List<ClassAnchor>> out = new java.util.TreeMap<>();
            for (ClassAnchor a : anchors) {
                out.computeIfAbsent(a.getClassLabel(), c -> new ArrayList<>()).add(a);
            }
            return out;
        }
    }
}

package io.liquidstream.connectors.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Immutable configuration of a {@link KafkaReceiver}: consumer properties (passed through to the
 * {@code KafkaConsumer}), deserializers, the subscribed topics, and how the receiver buffers and
 * commits. Every {@code with...} method returns a copy.
 *
 * <p>Defaults: prefetch 256 records, commit every 1 s or every 100 acknowledgements, whichever
 * comes first, {@link CommitMode#ACKNOWLEDGED}, poll timeout 100 ms, close timeout 5 s. The
 * receiver overrides {@code enable.auto.commit} (always false) and {@code max.poll.records} (the
 * prefetch), since both would undo its guarantees. Use {@code partition.assignment.strategy =
 * CooperativeStickyAssignor} for incremental rebalances.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ReceiverOptions<K, V> {

    private final Map<String, Object> consumerProperties;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final List<String> topics;
    private final int prefetch;
    private final Duration commitInterval;
    private final int commitBatchSize;
    private final CommitMode commitMode;
    private final Duration pollTimeout;
    private final Duration closeTimeout;
    private final ClientMetrics clientMetrics;
    private final Consumer<Collection<TopicPartition>> onRevoked;

    private ReceiverOptions(Map<String, Object> consumerProperties, Deserializer<K> keyDeserializer,
                            Deserializer<V> valueDeserializer, List<String> topics, int prefetch,
                            Duration commitInterval, int commitBatchSize, CommitMode commitMode,
                            Duration pollTimeout, Duration closeTimeout, ClientMetrics clientMetrics,
                            Consumer<Collection<TopicPartition>> onRevoked) {
        this.consumerProperties = Map.copyOf(consumerProperties);
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
        this.topics = List.copyOf(topics);
        this.prefetch = prefetch;
        this.commitInterval = commitInterval;
        this.commitBatchSize = commitBatchSize;
        this.commitMode = commitMode;
        this.pollTimeout = pollTimeout;
        this.closeTimeout = closeTimeout;
        this.clientMetrics = clientMetrics;
        this.onRevoked = onRevoked;
    }

    /**
     * Options for a consumer with the given properties, which must name {@code bootstrap.servers}
     * and {@code group.id}.
     */
    public static <K, V> ReceiverOptions<K, V> create(Map<String, ?> consumerProperties,
                                                      Deserializer<K> keyDeserializer,
                                                      Deserializer<V> valueDeserializer) {
        for (String required : List.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConsumerConfig.GROUP_ID_CONFIG)) {
            if (consumerProperties.get(required) == null) {
                throw new IllegalArgumentException("Receiver consumer properties need '" + required
                        + "', found only " + consumerProperties.keySet());
            }
        }
        return new ReceiverOptions<>(new HashMap<>(consumerProperties), Objects.requireNonNull(keyDeserializer),
                Objects.requireNonNull(valueDeserializer), List.of(), 256, Duration.ofSeconds(1), 100,
                CommitMode.ACKNOWLEDGED, Duration.ofMillis(100), Duration.ofSeconds(5), null, partitions -> { });
    }

    /** Subscribes to these topics (group management assigns the partitions). */
    public ReceiverOptions<K, V> withTopics(Collection<String> newTopics) {
        if (newTopics.isEmpty()) {
            throw new IllegalArgumentException("A receiver needs at least one topic to subscribe to");
        }
        return new ReceiverOptions<>(consumerProperties, keyDeserializer, valueDeserializer, List.copyOf(newTopics),
                prefetch, commitInterval, commitBatchSize, commitMode, pollTimeout, closeTimeout,
                clientMetrics, onRevoked);
    }

    /** The most records the receiver holds that downstream has not requested yet (at least 1). */
    public ReceiverOptions<K, V> withPrefetch(int records) {
        if (records < 1) {
            throw new IllegalArgumentException("Prefetch must be at least 1 record, got " + records);
        }
        return new ReceiverOptions<>(consumerProperties, keyDeserializer, valueDeserializer, topics,
                records, commitInterval, commitBatchSize, commitMode, pollTimeout, closeTimeout,
                clientMetrics, onRevoked);
    }

    /** Commit acknowledged offsets at least this often, and after this many acknowledgements. */
    public ReceiverOptions<K, V> withCommits(Duration interval, int batchSize) {
        if (interval.isNegative() || interval.isZero() || batchSize < 1) {
            throw new IllegalArgumentException("Commit interval must be positive and batch size at least 1, got "
                    + interval + " and " + batchSize);
        }
        return new ReceiverOptions<>(consumerProperties, keyDeserializer, valueDeserializer, topics,
                prefetch, interval, batchSize, commitMode, pollTimeout, closeTimeout, clientMetrics, onRevoked);
    }

    public ReceiverOptions<K, V> withCommitMode(CommitMode mode) {
        return new ReceiverOptions<>(consumerProperties, keyDeserializer, valueDeserializer, topics,
                prefetch, commitInterval, commitBatchSize, Objects.requireNonNull(mode), pollTimeout, closeTimeout,
                clientMetrics, onRevoked);
    }

    /** How long one poll may wait for records; also bounds how quickly cancellation is noticed. */
    public ReceiverOptions<K, V> withPollTimeout(Duration timeout) {
        return new ReceiverOptions<>(consumerProperties, keyDeserializer, valueDeserializer, topics,
                prefetch, commitInterval, commitBatchSize, commitMode, Objects.requireNonNull(timeout), closeTimeout,
                clientMetrics, onRevoked);
    }

    /** How long the final commit and the consumer's close may take on shutdown. */
    public ReceiverOptions<K, V> withCloseTimeout(Duration timeout) {
        return new ReceiverOptions<>(consumerProperties, keyDeserializer, valueDeserializer, topics,
                prefetch, commitInterval, commitBatchSize, commitMode, pollTimeout, Objects.requireNonNull(timeout),
                clientMetrics, onRevoked);
    }

    /**
     * Publishes the consumer's own metrics (fetch lag per partition included) to a Micrometer
     * registry; the receiver binds them on its poll thread and unbinds them when it closes.
     */
    public ReceiverOptions<K, V> withClientMetrics(ClientMetrics metrics) {
        return new ReceiverOptions<>(consumerProperties, keyDeserializer, valueDeserializer, topics, prefetch,
                commitInterval, commitBatchSize, commitMode, pollTimeout, closeTimeout, Objects.requireNonNull(metrics),
                onRevoked);
    }

    /**
     * Called on the poll thread when partitions are revoked or lost, after the receiver has stopped
     * tracking them ({@link ReceiverOffset#isRevoked()} is true for their records) and before they are
     * given up. It may block briefly to finish work that must complete while this consumer still owns
     * them, such as the transaction that commits their offsets.
     */
    public ReceiverOptions<K, V> withRevocationListener(Consumer<Collection<TopicPartition>> listener) {
        return new ReceiverOptions<>(consumerProperties, keyDeserializer, valueDeserializer, topics, prefetch,
                commitInterval, commitBatchSize, commitMode, pollTimeout, closeTimeout, clientMetrics,
                Objects.requireNonNull(listener));
    }

    /** The properties the {@code KafkaConsumer} is created with, including the receiver's overrides. */
    public Map<String, Object> consumerProperties() {
        Map<String, Object> effective = new HashMap<>(consumerProperties);
        effective.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        effective.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, prefetch);
        return effective;
    }

    public String groupId() {
        return String.valueOf(consumerProperties.get(ConsumerConfig.GROUP_ID_CONFIG));
    }

    public Deserializer<K> keyDeserializer() {
        return keyDeserializer;
    }

    public Deserializer<V> valueDeserializer() {
        return valueDeserializer;
    }

    public List<String> topics() {
        return topics;
    }

    public int prefetch() {
        return prefetch;
    }

    public Duration commitInterval() {
        return commitInterval;
    }

    public int commitBatchSize() {
        return commitBatchSize;
    }

    public CommitMode commitMode() {
        return commitMode;
    }

    public Duration pollTimeout() {
        return pollTimeout;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Where the consumer's own metrics go, or null if they are not published. */
    public ClientMetrics clientMetrics() {
        return clientMetrics;
    }

    public Consumer<Collection<TopicPartition>> revocationListener() {
        return onRevoked;
    }
}

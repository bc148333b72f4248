package io.liquidstream.connectors.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Immutable configuration of a {@link KafkaSender} or {@link KafkaTransactionalSender}: producer
 * properties (passed through to the {@code KafkaProducer}), serializers, the in-flight bound and
 * the error policy. Every {@code with...} method returns a copy.
 *
 * <p>Defaults: at most 256 records in flight, per-record errors reported in {@link SenderResult}
 * (not fail-fast), close timeout 10 s, and an idempotent producer ({@code enable.idempotence=true},
 * {@code acks=all}) unless the properties say otherwise.
 */
public final class SenderOptions<K, V> {

    private final Map<String, Object> producerProperties;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final int maxInFlight;
    private final boolean stopOnError;
    private final Duration closeTimeout;
    private final ClientMetrics clientMetrics;

    private SenderOptions(Map<String, Object> producerProperties, Serializer<K> keySerializer,
                          Serializer<V> valueSerializer, int maxInFlight, boolean stopOnError, Duration closeTimeout,
                          ClientMetrics clientMetrics) {
        this.producerProperties = Map.copyOf(producerProperties);
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.maxInFlight = maxInFlight;
        this.stopOnError = stopOnError;
        this.closeTimeout = closeTimeout;
        this.clientMetrics = clientMetrics;
    }

    /** Options for a producer with the given properties, which must name {@code bootstrap.servers}. */
    public static <K, V> SenderOptions<K, V> create(Map<String, ?> producerProperties,
                                                    Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        if (producerProperties.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("Sender producer properties need '"
                    + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG + "', found only " + producerProperties.keySet());
        }
        Map<String, Object> props = new HashMap<>(producerProperties);
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        return new SenderOptions<>(props, Objects.requireNonNull(keySerializer),
                Objects.requireNonNull(valueSerializer), 256, false, Duration.ofSeconds(10), null);
    }

    /** The most records sent but not yet acknowledged by the broker (at least 1). */
    public SenderOptions<K, V> withMaxInFlight(int records) {
        if (records < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1 record, got " + records);
        }
        return new SenderOptions<>(producerProperties, keySerializer, valueSerializer, records, stopOnError,
                closeTimeout, clientMetrics);
    }

    /** If true, the first failed record terminates the result flux with its error (fail fast). */
    public SenderOptions<K, V> withStopOnError(boolean stop) {
        return new SenderOptions<>(producerProperties, keySerializer, valueSerializer, maxInFlight, stop,
                closeTimeout, clientMetrics);
    }

    /** Makes the producer transactional under this id, as {@link KafkaTransactionalSender} needs. */
    public SenderOptions<K, V> withTransactionalId(String transactionalId) {
        Map<String, Object> props = new HashMap<>(producerProperties);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, Objects.requireNonNull(transactionalId));
        return new SenderOptions<>(props, keySerializer, valueSerializer, maxInFlight, stopOnError,
                closeTimeout, clientMetrics);
    }

    public SenderOptions<K, V> withCloseTimeout(Duration timeout) {
        return new SenderOptions<>(producerProperties, keySerializer, valueSerializer, maxInFlight, stopOnError,
                Objects.requireNonNull(timeout), clientMetrics);
    }

    /** Publishes the producer's own metrics to a Micrometer registry while the sender is open. */
    public SenderOptions<K, V> withClientMetrics(ClientMetrics metrics) {
        return new SenderOptions<>(producerProperties, keySerializer, valueSerializer, maxInFlight, stopOnError,
                closeTimeout, Objects.requireNonNull(metrics));
    }

    /** Where the producer's own metrics go, or null if they are not published. */
    public ClientMetrics clientMetrics() {
        return clientMetrics;
    }

    public Map<String, Object> producerProperties() {
        return producerProperties;
    }

    public Serializer<K> keySerializer() {
        return keySerializer;
    }

    public Serializer<V> valueSerializer() {
        return valueSerializer;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public boolean stopOnError() {
        return stopOnError;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** The transactional id, or null if the producer is not transactional. */
    public String transactionalId() {
        Object id = producerProperties.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return id == null ? null : id.toString();
    }
}

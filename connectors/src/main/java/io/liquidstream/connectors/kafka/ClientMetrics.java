package io.liquidstream.connectors.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Where a receiver's consumer or a sender's producer publishes the Kafka client's own metrics
 * (fetch lag, fetch and request rates, record send rates...), through Micrometer's
 * {@link KafkaClientMetrics}: a client metric {@code records-lag-max} of group
 * {@code consumer-fetch-manager-metrics} becomes the meter {@code kafka.consumer.fetch.manager.records.lag.max},
 * in Prometheus {@code kafka_consumer_fetch_manager_records_lag_max}, tagged with the client id (and
 * topic and partition for per-partition metrics).
 *
 * <p>Kafka 4 also reports each topic-level and per-partition consumer metric of a topic whose name has a
 * period a second time, under the topic name with periods replaced by underscores (deprecated by KIP-1109).
 * Those copies are left out: each lag is one series, tagged with the real topic name.
 *
 * <p>Kafka creates per-partition metrics only once a partition is fetched; the binder looks for new
 * ones every {@code refresh}. The binding is made on the thread that owns the client and closed with
 * it, which removes its meters.
 *
 * @param registry where the meters go
 * @param refresh how often newly created client metrics are bound
 * @param tags extra tags on every meter (e.g. the service instance)
 */
public record ClientMetrics(MeterRegistry registry, Duration refresh, List<Tag> tags) {

    public ClientMetrics {
        Objects.requireNonNull(registry, "registry");
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("Client metrics refresh must be positive, got " + refresh);
        }
        tags = List.copyOf(tags);
    }

    /** Client metrics into {@code registry}, refreshed every 10 s, without extra tags. */
    public static ClientMetrics of(MeterRegistry registry) {
        return new ClientMetrics(registry, Duration.ofSeconds(10), List.of());
    }

    /**
     * Binds the metrics of a consumer of {@code topics}; closing the result unbinds them and stops the
     * refresh.
     */
    AutoCloseable bind(Consumer<?, ?> consumer, Collection<String> topics) {
        ScheduledExecutorService refresher = refresher();
        return bound(new KafkaClientMetrics(consumer, tags, refresher, refresh), refresher, deprecatedCopies(topics));
    }

    /** Binds the producer's metrics; closing the result unbinds them and stops the refresh. */
    AutoCloseable bind(Producer<?, ?> producer) {
        ScheduledExecutorService refresher = refresher();
        return bound(new KafkaClientMetrics(producer, tags, refresher, refresh), refresher, Set.of());
    }

    /** The topic tags Kafka gives the deprecated copies of these topics' metrics. */
    static Set<String> deprecatedCopies(Collection<String> topics) {
        Set<String> copies = new HashSet<>();
        for (String topic : topics) {
            if (topic.contains(".")) {
                copies.add(topic.replace('.', '_'));
            }
        }
        copies.removeAll(topics);
        return copies;
    }

    private AutoCloseable bound(KafkaClientMetrics metrics, ScheduledExecutorService refresher,
                                Set<String> deniedTopicTags) {
        // A composite of one child scopes the filter to this client's meters; the registry's own
        // filters stay untouched (Micrometer warns when filters are added after meters exist).
        CompositeMeterRegistry scoped = new CompositeMeterRegistry(registry.config().clock());
        scoped.config().meterFilter(MeterFilter.deny(id -> {
            String topic = id.getTag("topic");
            return topic != null && deniedTopicTags.contains(topic);
        }));
        scoped.add(registry);
        metrics.bindTo(scoped);
        return () -> {
            try {
                metrics.close();
            } finally {
                refresher.shutdownNow();
            }
        };
    }

    private static ScheduledExecutorService refresher() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "liquidstream-client-metrics");
            t.setDaemon(true);
            return t;
        });
    }
}

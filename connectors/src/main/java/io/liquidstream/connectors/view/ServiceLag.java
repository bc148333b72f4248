package io.liquidstream.connectors.view;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The service's consumer-group lag per input partition (log end offset minus committed offset), read
 * with the Admin API on {@link #refresh()}; the page's thread only reads the last figures. A partition
 * the group has not committed on, or a failed read, has no figure (null) rather than a guess.
 */
final class ServiceLag implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final String group;
    private volatile Map<TopicPartition, Long> lags = Map.of();

    ServiceLag(Map<String, Object> clientProperties, String group) {
        this.admin = Admin.create(new HashMap<>(clientProperties));
        this.group = group;
    }

    /** Lag in records of the service's group on a partition, or null when unknown. */
    Long of(String topic, int partition) {
        return topic == null ? null : lags.get(new TopicPartition(topic, partition));
    }

    /** Reads committed and end offsets again; keeps the previous figures when the broker does not answer. */
    void refresh() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.forEach((tp, o) -> {
                if (o != null) {
                    latest.put(tp, OffsetSpec.latest());
                }
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                    : admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> next = new HashMap<>();
            ends.forEach((tp, end) -> next.put(tp, Math.max(0, end.offset() - committed.get(tp).offset())));
            lags = Map.copyOf(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A broker away for a moment: the panel keeps the last figures and the next refresh tries again.
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}

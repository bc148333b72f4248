package io.liquidstream.connectors.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits for a running service to settle what one source just sent, so that a short replay learns of its
 * dead-lettered packets before it exits: the service commits an input offset only after that record's
 * outputs, dead letters included, were written, so once the service's consumer group has committed past
 * the end of the source's partition, every reject of ours is on the dead-letter topic.
 */
public final class ServiceCatchUp {

    /** How the wait ended. */
    public enum Outcome {
        /** The group committed past everything sent. */
        SETTLED,
        /** No member of the group is running: no service reads the topic, nothing to wait for. */
        NO_SERVICE,
        /** The group is running but did not commit past the end in time (e.g. a window is still open). */
        TIMED_OUT
    }

    private ServiceCatchUp() {
    }

    /**
     * Waits at most {@code max} for consumer group {@code group} to commit past the current end of the
     * partition of {@code topic} that records keyed {@code source} go to.
     */
    public static Outcome await(Map<String, Object> clientProperties, String group, String topic, String source,
            Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Map<String, Object> props = new HashMap<>(clientProperties);
        int ms = (int) Math.max(1_000, Math.min(10_000, max.toMillis()));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        try (Admin admin = Admin.create(props)) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(ms, TimeUnit.MILLISECONDS);
            if (description.members().isEmpty()) {
                return Outcome.NO_SERVICE;
            }
            int partitions = admin.describeTopics(List.of(topic)).topicNameValues().get(topic)
                    .get(ms, TimeUnit.MILLISECONDS).partitions().size();
            TopicPartition tp = new TopicPartition(topic, DeadLetterWatch.partitionOf(source, partitions));
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp)
                    .get(ms, TimeUnit.MILLISECONDS).offset();
            while (true) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(ms, TimeUnit.MILLISECONDS).get(tp);
                if (committed != null && committed.offset() >= end) {
                    return Outcome.SETTLED;
                }
                if (System.nanoTime() >= deadline) {
                    return Outcome.TIMED_OUT;
                }
                Thread.sleep(100);
            }
        } catch (ExecutionException | TimeoutException e) {
            // no such group, topic or broker answer: no service to wait for
            return Outcome.NO_SERVICE;
        }
    }
}

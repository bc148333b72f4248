package io.liquidstream.connectors.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@link PartitionOffsets} of every partition a receiver currently owns, and the count of
 * acknowledgements since the last commit (which can trigger a commit by count). Thread-safe.
 */
final class OffsetLedger {

    private final Map<TopicPartition, PartitionOffsets> partitions = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledgedSinceCommit = new AtomicInteger();

    PartitionOffsets partition(TopicPartition partition) {
        return partitions.computeIfAbsent(partition, PartitionOffsets::new);
    }

    void acknowledged() {
        acknowledgedSinceCommit.incrementAndGet();
    }

    int acknowledgedSinceCommit() {
        return acknowledgedSinceCommit.get();
    }

    /** Positions to commit for all owned partitions; resets the acknowledgement count. */
    Map<TopicPartition, OffsetAndMetadata> uncommitted() {
        acknowledgedSinceCommit.set(0);
        return uncommitted(partitions.keySet());
    }

    Map<TopicPartition, OffsetAndMetadata> uncommitted(Collection<TopicPartition> owned) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : owned) {
            PartitionOffsets state = partitions.get(tp);
            if (state != null) {
                OptionalLong position = state.uncommittedPosition();
                position.ifPresent(p -> offsets.put(tp, new OffsetAndMetadata(p)));
            }
        }
        return offsets;
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, offset) -> {
            PartitionOffsets state = partitions.get(tp);
            if (state != null) {
                state.committed(offset.offset());
            }
        });
    }

    /** Forgets partitions this receiver no longer owns; their pending acknowledgements are void. */
    void remove(Collection<TopicPartition> revoked) {
        for (TopicPartition tp : revoked) {
            PartitionOffsets state = partitions.remove(tp);
            if (state != null) {
                state.revoke();
            }
        }
    }

    /** Forgets everything, e.g. when the receiver shuts down. */
    void clear() {
        remove(java.util.List.copyOf(partitions.keySet()));
    }
}

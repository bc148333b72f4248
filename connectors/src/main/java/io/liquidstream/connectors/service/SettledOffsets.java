package io.liquidstream.connectors.service;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Exactly-once bookkeeping: per partition, the received offsets not yet settled. The offset to commit
 * with a transaction is the lowest unsettled one (or one past the highest received), never past a
 * packet still waiting in an open window. Thread-safe.
 */
final class SettledOffsets {

    private final Map<TopicPartition, TreeSet<Long>> unsettled = new HashMap<>();
    private final Map<TopicPartition, Long> highest = new HashMap<>();

    synchronized void received(TopicPartition partition, long offset) {
        unsettled.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        highest.merge(partition, offset, Math::max);
    }

    synchronized void settled(TopicPartition partition, long offset) {
        TreeSet<Long> open = unsettled.get(partition);
        if (open != null) {
            open.remove(offset);
        }
    }

    /** The offsets to commit now, for every partition seen. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        highest.forEach((partition, high) -> {
            TreeSet<Long> open = unsettled.get(partition);
            out.put(partition, new OffsetAndMetadata(open.isEmpty() ? high + 1 : open.first()));
        });
        return out;
    }
}

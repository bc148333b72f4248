package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.ReceiverRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Exactly-once bookkeeping: per owned partition, the received offsets not yet settled. The offset to
 * commit with a transaction is the lowest unsettled one (or one past the highest received), never past
 * a packet still waiting in an open window. Records of a revoked partition count no more: the new
 * owner replays them from the committed offset. Thread-safe.
 */
final class SettledOffsets {

    private final Map<TopicPartition, TreeSet<Long>> unsettled = new HashMap<>();
    private final Map<TopicPartition, Long> highest = new HashMap<>();

    synchronized void received(ReceiverRecord<?, ?> record) {
        TopicPartition partition = record.topicPartition();
        long offset = record.receiverOffset().offset();
        unsettled.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        highest.merge(partition, offset, Math::max);
    }

    /** Settles a record; one whose partition was revoked since it was received is ignored. */
    synchronized void settled(ReceiverRecord<?, ?> record) {
        if (record.receiverOffset().isRevoked()) {
            return;
        }
        TreeSet<Long> open = unsettled.get(record.topicPartition());
        if (open != null) {
            open.remove(record.receiverOffset().offset());
        }
    }

    /** Forgets partitions given up to another consumer. */
    synchronized void revoke(Collection<TopicPartition> partitions) {
        unsettled.keySet().removeAll(partitions);
        highest.keySet().removeAll(partitions);
    }

    /** The offsets to commit now, for every owned partition seen. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        highest.forEach((partition, high) -> {
            TreeSet<Long> open = unsettled.get(partition);
            out.put(partition, new OffsetAndMetadata(open.isEmpty() ? high + 1 : open.first()));
        });
        return out;
    }
}

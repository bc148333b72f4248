package io.liquidstream.connectors.kafka;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

/**
 * Acknowledgement state of one assigned partition: which emitted records are still unacknowledged
 * and how far the committable position reaches.
 *
 * <p>The committable position is the offset after the highest record of an unbroken run of
 * acknowledged records starting at the oldest emitted one, so a commit never skips a record that is
 * still being processed. Offsets are taken from the records themselves rather than counted, because
 * transaction markers and compaction leave gaps in a partition's offsets.
 *
 * <p>Thread-safe: the poll thread records emissions, any thread may acknowledge.
 */
final class PartitionOffsets {

    private final TopicPartition partition;
    /** Emitted offsets that are not yet part of the contiguous acknowledged prefix, and their ack state. */
    private final TreeMap<Long, Boolean> pending = new TreeMap<>();
    private long acknowledgedPosition = -1;
    private long committedPosition = -1;
    private boolean revoked;

    PartitionOffsets(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    synchronized void emitted(long offset) {
        pending.put(offset, Boolean.FALSE);
    }

    /**
     * Marks a record processed. Returns false if the record was unknown or its partition has been
     * revoked meanwhile (the new owner will see it again), true otherwise.
     */
    synchronized boolean acknowledge(long offset) {
        if (revoked || !pending.containsKey(offset)) {
            return false;
        }
        pending.put(offset, Boolean.TRUE);
        Map.Entry<Long, Boolean> oldest;
        while ((oldest = pending.firstEntry()) != null && oldest.getValue()) {
            pending.pollFirstEntry();
            acknowledgedPosition = oldest.getKey() + 1;
        }
        return true;
    }

    /** The position to commit, if acknowledgements have moved it past the last committed one. */
    synchronized OptionalLong uncommittedPosition() {
        return acknowledgedPosition > committedPosition ? OptionalLong.of(acknowledgedPosition) : OptionalLong.empty();
    }

    synchronized void committed(long position) {
        committedPosition = Math.max(committedPosition, position);
    }

    /** Stops tracking: later acknowledgements of this partition's records are ignored. */
    synchronized void revoke() {
        revoked = true;
        pending.clear();
    }

    synchronized boolean isRevoked() {
        return revoked;
    }
}

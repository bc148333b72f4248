package io.liquidstream.connectors.kafka;

import org.apache.kafka.common.TopicPartition;

/**
 * The position of one received record, and the handle to acknowledge it.
 *
 * <p>Acknowledging says "everything this record caused is done"; the receiver then may commit past
 * it once all earlier records of its partition are acknowledged too. Acknowledging twice is
 * harmless; acknowledging after the partition was revoked from this receiver is ignored (the new
 * owner receives the record again). May be called from any thread.
 */
public final class ReceiverOffset {

    private final TopicPartition partition;
    private final long offset;
    private final PartitionOffsets state;
    private final OffsetLedger ledger;

    ReceiverOffset(TopicPartition partition, long offset, PartitionOffsets state, OffsetLedger ledger) {
        this.partition = partition;
        this.offset = offset;
        this.state = state;
        this.ledger = ledger;
    }

    public TopicPartition topicPartition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** Marks the record processed; see the class comment for what that allows. */
    public void acknowledge() {
        if (state.acknowledge(offset)) {
            ledger.acknowledged();
        }
    }

    /**
     * Whether this record's partition was revoked from the receiver after it was emitted: its
     * acknowledgement is void and the partition's new owner receives it again.
     */
    public boolean isRevoked() {
        return state.isRevoked();
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}

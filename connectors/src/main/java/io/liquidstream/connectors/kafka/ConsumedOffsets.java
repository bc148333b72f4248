package io.liquidstream.connectors.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Offsets to commit once a batch of received records has been processed completely. */
public final class ConsumedOffsets {

    private ConsumedOffsets() {
    }

    /**
     * Per partition, the offset after the highest record in {@code records}: the position from which
     * a restarted consumer should continue, as {@link KafkaTransactionalSender#transact} needs it.
     */
    public static Map<TopicPartition, OffsetAndMetadata> after(Iterable<? extends ReceiverRecord<?, ?>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ReceiverRecord<?, ?> r : records) {
            long next = r.receiverOffset().offset() + 1;
            offsets.merge(r.topicPartition(), new OffsetAndMetadata(next),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }
}

package io.liquidstream.connectors.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A record delivered by {@link KafkaReceiver#receive()}: the Kafka record plus its
 * {@link ReceiverOffset} to acknowledge once processing is done.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ReceiverRecord<K, V> {

    private final ConsumerRecord<K, V> record;
    private final ReceiverOffset offset;

    ReceiverRecord(ConsumerRecord<K, V> record, ReceiverOffset offset) {
        this.record = record;
        this.offset = offset;
    }

    public ConsumerRecord<K, V> record() {
        return record;
    }

    public K key() {
        return record.key();
    }

    public V value() {
        return record.value();
    }

    public TopicPartition topicPartition() {
        return offset.topicPartition();
    }

    public ReceiverOffset receiverOffset() {
        return offset;
    }

    /** Shorthand for {@code receiverOffset().acknowledge()}. */
    public void acknowledge() {
        offset.acknowledge();
    }

    @Override
    public String toString() {
        return "ReceiverRecord[" + offset + ", key=" + record.key() + "]";
    }
}

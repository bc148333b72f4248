package io.liquidstream.connectors.kafka;

import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A record to send plus correlation metadata that comes back unchanged in its {@link SenderResult},
 * e.g. the {@link ReceiverOffset} of the input the record was computed from.
 *
 * @param record      what to send
 * @param correlation anything the caller needs to match the result to its cause; may be null
 */
public record SenderRecord<K, V, T>(ProducerRecord<K, V> record, T correlation) {

    public SenderRecord {
        Objects.requireNonNull(record, "record");
    }

    public static <K, V, T> SenderRecord<K, V, T> of(String topic, K key, V value, T correlation) {
        return new SenderRecord<>(new ProducerRecord<>(topic, key, value), correlation);
    }
}

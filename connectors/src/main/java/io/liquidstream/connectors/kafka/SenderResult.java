package io.liquidstream.connectors.kafka;

import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The outcome of sending one {@link SenderRecord}: the broker's metadata on success, the exception
 * on failure, and the record's correlation metadata either way.
 *
 * @param metadata    partition and offset the record was written at; null if it failed
 * @param exception   why the send failed; null if it succeeded
 * @param correlation the {@link SenderRecord#correlation()} of the record
 */
public record SenderResult<T>(RecordMetadata metadata, Exception exception, T correlation) {

    public boolean isSuccess() {
        return exception == null;
    }
}

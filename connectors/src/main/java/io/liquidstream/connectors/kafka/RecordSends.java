package io.liquidstream.connectors.kafka;

import org.apache.kafka.clients.producer.Producer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Turns one {@code Producer.send} into a {@link Mono} that completes when the broker acknowledged
 * (or rejected) the record. {@code send} itself runs on the given scheduler because it can block
 * (waiting for metadata or buffer space); a single-threaded scheduler keeps the send order.
 */
final class RecordSends {

    private RecordSends() {
    }

    static <K, V, T> Mono<SenderResult<T>> send(Producer<K, V> producer, Scheduler scheduler,
                                                SenderRecord<K, V, T> record, boolean failOnError) {
        Mono<SenderResult<T>> result = Mono.create(sink -> {
            try {
                producer.send(record.record(), (metadata, error) -> {
                    if (error == null) {
                        sink.success(new SenderResult<>(metadata, null, record.correlation()));
                    } else if (failOnError) {
                        sink.error(error);
                    } else {
                        sink.success(new SenderResult<>(null, error, record.correlation()));
                    }
                });
            } catch (RuntimeException e) {
                // Synchronous failures (serialization, closed producer, fatal state) count as that record's failure.
                if (failOnError) {
                    sink.error(e);
                } else {
                    sink.success(new SenderResult<>(null, e, record.correlation()));
                }
            }
        });
        return result.subscribeOn(scheduler);
    }
}

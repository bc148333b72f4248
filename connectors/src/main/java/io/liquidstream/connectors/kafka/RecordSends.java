package io.liquidstream.connectors.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
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
                    } else if (failOnError || isFatal(error)) {
                        sink.error(error);
                    } else {
                        sink.success(new SenderResult<>(null, error, record.correlation()));
                    }
                });
            } catch (RuntimeException e) {
                // Synchronous failures (serialization, closed producer, fatal state) count as that record's failure.
                if (failOnError || isFatal(e)) {
                    sink.error(e);
                } else {
                    sink.success(new SenderResult<>(null, e, record.correlation()));
                }
            }
        });
        return result.subscribeOn(scheduler);
    }

    /**
     * A producer that cannot authenticate, or may not write a topic, fails every later record the same
     * way; carrying on would only leave their inputs unacknowledged for ever.
     */
    static boolean isFatal(Exception error) {
        return error instanceof AuthenticationException || error instanceof AuthorizationException;
    }
}

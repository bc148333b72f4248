package io.liquidstream.connectors.kafka;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * A reactive Kafka producer: {@link #send(Publisher)} writes records and emits one
 * {@link SenderResult} per record when the broker has acknowledged it, carrying the record's
 * correlation metadata (typically the {@link ReceiverOffset} to acknowledge next).
 *
 * <p><b>Backpressure.</b> At most {@link SenderOptions#maxInFlight()} records are in flight: the
 * sender requests that many from upstream and one more each time a send completes, so a slow
 * broker slows the upstream instead of filling the producer's buffer. Results arrive in completion
 * order, which within one partition is the send order.
 *
 * <p><b>Errors.</b> By default a failed record (after the producer's own retries, bounded by
 * {@code delivery.timeout.ms}) yields a result with {@link SenderResult#exception()} and sending
 * goes on; with {@link SenderOptions#withStopOnError(boolean) stopOnError} the flux fails with that
 * error instead. A failed authentication or a missing permission to write (Kafka's
 * {@code AuthenticationException}, {@code AuthorizationException}) always fails the flux: every later
 * record would fail alike. An unreachable broker is not an error while the producer retries. The producer
 * is idempotent by default, so retries do not duplicate records.
 *
 * <p>One producer is shared by all {@code send} calls; {@link #close()} flushes and closes it.
 */
public final class KafkaSender<K, V> implements AutoCloseable {

    private final SenderOptions<K, V> options;
    private final ProducerClient<K, V> client;

    private KafkaSender(SenderOptions<K, V> options) {
        this.options = options;
        this.client = new ProducerClient<>(options, "liquidstream-sender");
    }

    public static <K, V> KafkaSender<K, V> create(SenderOptions<K, V> options) {
        if (options.transactionalId() != null) {
            throw new IllegalArgumentException("Options with transactional.id '" + options.transactionalId()
                    + "' belong to a KafkaTransactionalSender, not a KafkaSender");
        }
        return new KafkaSender<>(options);
    }

    /** Sends the records; see the class comment for in-flight bound, ordering and errors. */
    public <T> Flux<SenderResult<T>> send(Publisher<SenderRecord<K, V, T>> records) {
        return Flux.from(records)
                .flatMap(r -> RecordSends.send(client.producer, client.scheduler, r, options.stopOnError()), options.maxInFlight());
    }

    @Override
    public void close() {
        client.close(() -> { });
    }
}

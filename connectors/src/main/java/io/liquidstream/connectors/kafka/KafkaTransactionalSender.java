package io.liquidstream.connectors.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Exactly-once consume-transform-produce: {@link #transact} writes a batch of output records and
 * the consumed input offsets in one Kafka transaction, so under {@code isolation.level=read_committed}
 * the outputs appear exactly once, and the inputs count as consumed exactly when they do.
 *
 * <p>Pair it with a {@link KafkaReceiver} in {@link CommitMode#TRANSACTIONAL} mode, pass
 * {@link ConsumedOffsets#after} of the input batch and {@link KafkaReceiver#groupMetadata()}, and
 * run transactions one after another (e.g. {@code concatMap}); overlapping calls fail with
 * {@link IllegalStateException}.
 *
 * <p><b>Errors.</b> If the outputs publisher fails, a send fails, or the commit fails, the
 * transaction is aborted once its in-flight sends have completed: none of its outputs become visible and the offsets are not committed,
 * and the returned {@code Mono} fails with the cause. The inputs will be consumed again by the
 * next consumer that starts from the group's committed offsets, so after an abort the caller
 * should cancel its {@code receive()} and subscribe again. A fenced producer (another instance with
 * the same {@code transactional.id}) cannot abort; that error is reported and this sender is
 * unusable. Cancelling the {@code Mono} mid-transaction aborts it too.
 *
 * <p>The producer is created, and {@code initTransactions} runs, when the sender is created.
 * Transaction calls run on one dedicated thread, since they block.
 */
public final class KafkaTransactionalSender<K, V> implements AutoCloseable {

    private final SenderOptions<K, V> options;
    private final ProducerClient<K, V> client;
    private final Producer<K, V> producer;
    private final Scheduler scheduler;
    private final AtomicBoolean inTransaction = new AtomicBoolean();

    private KafkaTransactionalSender(SenderOptions<K, V> options) {
        this.options = options;
        this.client = new ProducerClient<>(options, "liquidstream-tx-" + options.transactionalId());
        this.producer = client.producer;
        this.scheduler = client.scheduler;
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Creates the producer and registers its transactional id with the broker (blocking).
     *
     * @throws IllegalArgumentException if the options carry no transactional id
     */
    public static <K, V> KafkaTransactionalSender<K, V> create(SenderOptions<K, V> options) {
        if (options.transactionalId() == null) {
            throw new IllegalArgumentException("A transactional sender needs SenderOptions.withTransactionalId(...)");
        }
        return new KafkaTransactionalSender<>(options);
    }

    /**
     * Sends {@code outputs} and commits {@code offsets} for {@code group} in one transaction.
     * Emits the send results once the transaction is committed; fails after aborting it otherwise.
     */
    public <T> Mono<List<SenderResult<T>>> transact(Publisher<SenderRecord<K, V, T>> outputs,
                                                    Map<TopicPartition, OffsetAndMetadata> offsets,
                                                    ConsumerGroupMetadata group) {
        Mono<List<SenderResult<T>>> transaction = onTxThread(producer::beginTransaction)
                .thenMany(Flux.from(outputs)
                        .flatMap(r -> RecordSends.send(producer, scheduler, r, true), options.maxInFlight()))
                .collectList()
                .flatMap(results -> onTxThread(() -> {
                    if (!offsets.isEmpty()) {
                        producer.sendOffsetsToTransaction(offsets, group);
                    }
                    producer.commitTransaction();
                }).thenReturn(results))
                .onErrorResume(error -> abort(error).then(Mono.error(error)))
                .doOnCancel(() -> abort(null).subscribe(unused -> { }, e -> { }));
        return Mono.defer(() -> {
            if (!inTransaction.compareAndSet(false, true)) {
                return Mono.error(new IllegalStateException("Transactional sender '" + options.transactionalId()
                        + "' already has a transaction open; run transactions one after another"));
            }
            // Cleared before the result travels downstream, which may start the next transaction at once.
            return transaction.doOnTerminate(() -> inTransaction.set(false))
                    .doOnCancel(() -> inTransaction.set(false));
        });
    }

    private Mono<Void> abort(Throwable cause) {
        return onTxThread(() -> {
            try {
                // Let in-flight sends finish first, so the abort marker follows every record of the transaction.
                producer.flush();
                producer.abortTransaction();
            } catch (RuntimeException abortFailure) {
                // Fatal producer states (fenced, authorization) forbid aborting; keep the original cause first.
                if (cause != null) {
                    cause.addSuppressed(abortFailure);
                }
            }
        });
    }

    private Mono<Void> onTxThread(Runnable action) {
        return Mono.fromRunnable(action).subscribeOn(scheduler).then();
    }

    @Override
    public void close() {
        client.close(() -> {
            try {
                // Let an abort queued by a cancelled transaction run first: a transaction left open would hold
                // back read_committed consumers of the output partitions until the broker times it out.
                onTxThread(() -> { }).block(options.closeTimeout());
            } catch (RuntimeException e) {
                // Closing the producer below still ends the transaction from the broker's view, only later.
            }
        });
    }
}

package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.CommitMode;
import io.liquidstream.connectors.kafka.KafkaReceiver;
import io.liquidstream.connectors.kafka.KafkaTransactionalSender;
import io.liquidstream.connectors.kafka.ReceiverOptions;
import io.liquidstream.connectors.kafka.ReceiverRecord;
import io.liquidstream.connectors.kafka.SenderOptions;
import io.liquidstream.connectors.kafka.SenderRecord;
import io.liquidstream.core.stream.Associated;
import io.liquidstream.core.stream.Dropped;
import io.liquidstream.core.stream.Outcome;
import io.liquidstream.core.stream.PipelineMetrics;
import io.liquidstream.core.stream.Rejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.common.TopicPartition;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The exactly-once output path: outcomes are grouped into transactions (bounded by count and time)
 * that carry their output records and the input offsets up to the lowest input still waiting in an
 * open window.
 *
 * <p><b>Rebalances.</b> A transaction is built and run while holding a gate. When partitions are
 * revoked, {@link #revoked} (on the receiver's poll thread, before the partitions are given up) waits
 * for the transaction in progress to commit or abort, so its offsets are committed by the generation
 * that owned them, and forgets the partitions. Every later transaction leaves out outcomes with an input
 * from a revoked partition, outputs and offsets alike: the new owner replays those inputs from the
 * committed offset, so each input's outputs are committed once, by one owner.
 */
final class TransactionalOutput implements Delivery {

    private final KafkaTransactionalSender<String, byte[]> sender;
    private final OutputRecords outputs;
    private final PipelineMetrics metrics;
    private final SettledOffsets offsets = new SettledOffsets();
    private final Semaphore gate = new Semaphore(1);
    private final Duration revocationWait;
    private final int maxRecords;
    private final Duration maxWait;

    /**
     * @param sender     options of the transactional producer (with its transactional id)
     * @param maxRecords most outcomes per transaction
     * @param maxWait    longest an outcome waits for its transaction
     */
    TransactionalOutput(SenderOptions<String, byte[]> sender, OutputRecords outputs, PipelineMetrics metrics,
                        int maxRecords, Duration maxWait) {
        this.sender = KafkaTransactionalSender.create(sender);
        this.outputs = outputs;
        this.metrics = metrics;
        this.revocationWait = sender.closeTimeout();
        this.maxRecords = maxRecords;
        this.maxWait = maxWait;
    }

    @Override
    public Map<String, Object> consumer(Map<String, Object> consumer) {
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return consumer;
    }

    @Override
    public ReceiverOptions<String, byte[]> receiver(ReceiverOptions<String, byte[]> options) {
        return options.withCommitMode(CommitMode.TRANSACTIONAL).withRevocationListener(this::revoked);
    }

    /**
     * Runs the outcomes as transactions of at most {@code maxRecords} outcomes or {@code maxWait}, with
     * offsets committed for the consumer group as the receiver describes it at the time.
     */
    @Override
    public Disposable run(KafkaReceiver<String, byte[]> receiver,
                          Function<Flux<ReceiverRecord<String, byte[]>>, Flux<Outcome<ReceiverRecord<String, byte[]>>>> stages,
                          Consumer<Throwable> onError) {
        return stages.apply(receiver.receive().doOnNext(offsets::received))
                .bufferTimeout(maxRecords, maxWait, true)
                .concatMap(batch -> transact(batch, receiver::groupMetadata), 1)
                .subscribe(unused -> { }, onError::accept);
    }

    @Override
    public void close() {
        sender.close();
    }

    /** Revocation listener: see the class comment. Runs on the receiver's poll thread. */
    void revoked(Collection<TopicPartition> partitions) {
        boolean acquired = false;
        try {
            acquired = gate.tryAcquire(revocationWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            offsets.revoke(partitions);
        } finally {
            if (acquired) {
                gate.release();
            }
        }
    }

    private Mono<?> transact(List<Outcome<ReceiverRecord<String, byte[]>>> batch,
                             Supplier<ConsumerGroupMetadata> group) {
        return Mono.defer(() -> {
            gate.acquireUninterruptibly();
            List<SenderRecord<String, byte[], Settlement>> records = new ArrayList<>();
            List<Settlement> settled = new ArrayList<>();
            try {
                for (Outcome<ReceiverRecord<String, byte[]>> o : batch) {
                    List<ReceiverRecord<String, byte[]>> inputs = inputs(o);
                    if (inputs.stream().anyMatch(r -> r.receiverOffset().isRevoked())) {
                        if (o instanceof Associated<?>) {
                            metrics.windowDiscarded();
                        }
                        continue;
                    }
                    for (SenderRecord<String, byte[], Settlement> r : outputs.of(o)) {
                        records.add(r);
                        if (settled.isEmpty() || settled.get(settled.size() - 1) != r.correlation()) {
                            settled.add(r.correlation());
                        }
                    }
                    inputs.forEach(offsets::settled);
                }
                var committable = offsets.committable();
                if (records.isEmpty() && committable.isEmpty()) {
                    gate.release();
                    return Mono.empty();
                }
                // Release before the result travels downstream: concatMap may start the next transaction
                // on this same thread, and it waits for the gate.
                AtomicBoolean open = new AtomicBoolean(true);
                Runnable release = () -> {
                    if (open.compareAndSet(true, false)) {
                        gate.release();
                    }
                };
                return sender.transact(Flux.fromIterable(records), committable, group.get())
                        .doOnSuccess(results -> {
                            release.run();
                            settled.forEach(Settlement::complete);
                        })
                        .doOnError(error -> release.run())
                        .doOnCancel(release);
            } catch (RuntimeException e) {
                gate.release();
                return Mono.error(e);
            }
        });
    }

    private static List<ReceiverRecord<String, byte[]>> inputs(Outcome<ReceiverRecord<String, byte[]>> o) {
        if (o instanceof Associated<ReceiverRecord<String, byte[]>> a) {
            return a.window().acks();
        }
        if (o instanceof Rejected<ReceiverRecord<String, byte[]>> r) {
            return List.of(r.ack());
        }
        if (o instanceof Dropped<ReceiverRecord<String, byte[]>> d) {
            return List.of(d.ack());
        }
        return List.of();
    }
}

package io.liquidstream.connectors.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.FluxSink;

/**
 * The one thread that owns a {@code KafkaConsumer} for one {@link KafkaReceiver#receive()}
 * subscription: it polls, hands records to downstream as far as it has requested, pauses the
 * partitions while it has not, commits acknowledged offsets, reacts to rebalances and finally
 * commits and closes the consumer.
 *
 * <p>Records polled but not yet requested wait in a buffer of at most {@code prefetch} records:
 * the consumer is resumed only when that buffer is empty and downstream wants more, and one poll
 * returns at most {@code max.poll.records = prefetch} records.
 */
final class PollLoop<K, V> implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);

    private final ReceiverOptions<K, V> options;
    private final FluxSink<ReceiverRecord<K, V>> sink;
    private final Runnable onExit;
    private final OffsetLedger ledger = new OffsetLedger();
    private final ArrayDeque<ConsumerRecord<K, V>> buffer = new ArrayDeque<>();
    private final AtomicLong demand = new AtomicLong();
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean cancelled;
    private volatile int buffered;
    private volatile ConsumerGroupMetadata groupMetadata;
    private volatile Set<TopicPartition> assignment = Set.of();
    private KafkaConsumer<K, V> consumer;
    private AutoCloseable clientMetrics;
    private PauseController pauses;
    private long lastCommitNanos = System.nanoTime();

    PollLoop(ReceiverOptions<K, V> options, FluxSink<ReceiverRecord<K, V>> sink, Runnable onExit) {
        this.options = options;
        this.sink = sink;
        this.onExit = onExit;
    }

    void request(long n) {
        demand.accumulateAndGet(n, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
        wakeups.release();
    }

    void cancel() {
        cancelled = true;
        wakeups.release();
    }

    Set<TopicPartition> pausedPartitions() {
        PauseController current = pauses;
        return current == null ? Set.of() : current.paused();
    }

    Set<TopicPartition> assignment() {
        return assignment;
    }

    int bufferedRecords() {
        return buffered;
    }

    ConsumerGroupMetadata groupMetadata() {
        return groupMetadata;
    }

    @Override
    public void run() {
        Throwable failure = null;
        try {
            consumer = new KafkaConsumer<>(options.consumerProperties(), options.keyDeserializer(),
                    options.valueDeserializer());
            pauses = new PauseController(consumer);
            if (options.clientMetrics() != null) {
                clientMetrics = options.clientMetrics().bind(consumer, options.topics());
            }
            consumer.subscribe(options.topics(), new Rebalances());
            groupMetadata = consumer.groupMetadata();
            while (!cancelled) {
                pollOnce();
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            shutDown();
        }
        if (failure != null && !cancelled) {
            sink.error(failure);
        }
    }

    private void pollOnce() throws InterruptedException {
        emitBuffered();
        boolean wantRecords = wantsRecords();
        pauses.apply(wantRecords);
        for (ConsumerRecord<K, V> record : consumer.poll(wantRecords ? options.pollTimeout() : Duration.ZERO)) {
            buffer.add(record);
        }
        buffered = buffer.size();
        groupMetadata = consumer.groupMetadata();
        assignment = Set.copyOf(consumer.assignment());
        emitBuffered();
        commitIfDue();
        if (!wantsRecords() && !cancelled) {
            // Sleep until downstream asks for more; wake regularly to keep polling for group membership.
            wakeups.tryAcquire(options.pollTimeout().toMillis(), TimeUnit.MILLISECONDS);
            wakeups.drainPermits();
        }
    }

    private boolean wantsRecords() {
        return buffer.isEmpty() && demand.get() > 0;
    }

    private void emitBuffered() {
        while (!buffer.isEmpty() && demand.get() > 0 && !cancelled) {
            ConsumerRecord<K, V> record = buffer.poll();
            buffered = buffer.size();
            if (demand.get() != Long.MAX_VALUE) {
                demand.decrementAndGet();
            }
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            PartitionOffsets state = ledger.partition(tp);
            state.emitted(record.offset());
            sink.next(new ReceiverRecord<>(record, new ReceiverOffset(tp, record.offset(), state, ledger)));
        }
    }

    private void commitIfDue() {
        if (options.commitMode() != CommitMode.ACKNOWLEDGED) {
            return;
        }
        boolean byCount = ledger.acknowledgedSinceCommit() >= options.commitBatchSize();
        boolean byTime = System.nanoTime() - lastCommitNanos >= options.commitInterval().toNanos();
        if (!byCount && !byTime) {
            return;
        }
        lastCommitNanos = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.uncommitted();
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error == null) {
                    ledger.committed(committed);
                } else {
                    // Retried implicitly: the next commit carries these positions (or later ones) again.
                    LOG.warn("Async commit of {} for group {} failed: {}", offsets, options.groupId(), error.toString());
                }
            });
        }
    }

    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, String when) {
        if (options.commitMode() != CommitMode.ACKNOWLEDGED || offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, options.closeTimeout());
            ledger.committed(offsets);
        } catch (RuntimeException e) {
            // At-least-once: the records after the last successful commit are delivered again.
            LOG.warn("Commit of {} for group {} {} failed: {}", offsets, options.groupId(), when, e.toString());
        }
    }

    private void shutDown() {
        try {
            if (consumer != null) {
                commitSync(ledger.uncommitted(), "on shutdown");
                consumer.close(CloseOptions.timeout(options.closeTimeout()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Closing the consumer of group {} failed: {}", options.groupId(), e.toString());
        } finally {
            closeClientMetrics();
            ledger.clear();
            buffer.clear();
            buffered = 0;
            assignment = Set.of();
            onExit.run();
        }
    }

    private void closeClientMetrics() {
        if (clientMetrics != null) {
            try {
                clientMetrics.close();
            } catch (Exception e) {
                LOG.warn("Unbinding the client metrics of group {} failed: {}", options.groupId(), e.toString());
            }
            clientMetrics = null;
        }
    }

    /** Runs inside {@code poll()} on the poll thread. */
    private final class Rebalances implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitSync(ledger.uncommitted(partitions), "on revocation of " + partitions);
            forget(partitions);
            notifyRevoked(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
            notifyRevoked(partitions);
        }

        private void notifyRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                options.revocationListener().accept(partitions);
            } catch (RuntimeException e) {
                LOG.warn("Revocation listener of group {} failed for {}: {}", options.groupId(), partitions,
                        e.toString());
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            pauses.assigned(partitions, wantsRecords());
        }

        private void forget(Collection<TopicPartition> partitions) {
            ledger.remove(partitions);
            pauses.revoked(partitions);
            buffer.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
            buffered = buffer.size();
        }
    }
}

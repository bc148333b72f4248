package io.liquidstream.connectors.kafka;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A reactive Kafka consumer: {@link #receive()} subscribes to the configured topics as a member of
 * the consumer group and emits each record as a {@link ReceiverRecord} to acknowledge once done.
 *
 * <p><b>Threading.</b> Each subscription gets one dedicated thread that creates, polls and closes
 * its {@code KafkaConsumer}; records are emitted on that thread. It keeps polling even when
 * downstream requests nothing, so the group membership stays alive however slow the pipeline is.
 *
 * <p><b>Backpressure.</b> Records are emitted only against downstream demand. Records fetched but
 * not yet requested wait in a buffer of at most {@link ReceiverOptions#prefetch()} records; while
 * that buffer is non-empty or demand is zero, every assigned partition is paused
 * ({@link #pausedPartitions()}), so a slow stage slows the poll loop, never the heap.
 *
 * <p><b>Commits.</b> In {@link CommitMode#ACKNOWLEDGED} mode the receiver commits asynchronously,
 * every {@link ReceiverOptions#commitInterval()} or {@link ReceiverOptions#commitBatchSize()}
 * acknowledgements, the offset after the highest <em>contiguous</em> acknowledged record per
 * partition: never past a record still unacknowledged (at-least-once). When partitions are revoked
 * their acknowledged offsets are committed synchronously first and their state dropped; a revoked
 * partition's unacknowledged records go to the new owner. In {@link CommitMode#TRANSACTIONAL} mode
 * it never commits; offsets travel with the producer transaction, which needs
 * {@link #groupMetadata()}.
 *
 * <p><b>Termination.</b> Cancelling commits what has been acknowledged, and nothing more, then
 * closes the consumer on its own thread. A fatal consumer error (authorization, bad
 * configuration, deserialization) is signalled as {@code onError} after the same clean-up.
 * A broker that is temporarily unreachable is not an error: the consumer keeps retrying.
 *
 * <p>One subscription at a time: a second concurrent subscriber receives an
 * {@link IllegalStateException}. Re-subscribing after termination starts a new consumer from the
 * group's committed offsets.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class KafkaReceiver<K, V> {

    private static final AtomicInteger THREADS = new AtomicInteger();

    static {
        KafkaLogLevels.quietenUnlessConfigured();
    }

    private final ReceiverOptions<K, V> options;
    private final AtomicReference<PollLoop<K, V>> active = new AtomicReference<>();

    private KafkaReceiver(ReceiverOptions<K, V> options) {
        if (options.topics().isEmpty()) {
            throw new IllegalArgumentException("Receiver options for group " + options.groupId()
                    + " name no topics; call withTopics(...)");
        }
        this.options = options;
    }

    public static <K, V> KafkaReceiver<K, V> create(ReceiverOptions<K, V> options) {
        return new KafkaReceiver<>(options);
    }

    /** The records of the subscribed topics; see the class comment for demand, commits and errors. */
    public Flux<ReceiverRecord<K, V>> receive() {
        return Flux.create(this::start, FluxSink.OverflowStrategy.ERROR);
    }

    private void start(FluxSink<ReceiverRecord<K, V>> sink) {
        AtomicReference<PollLoop<K, V>> self = new AtomicReference<>();
        PollLoop<K, V> loop = new PollLoop<>(options, sink, () -> active.compareAndSet(self.get(), null));
        self.set(loop);
        if (!active.compareAndSet(null, loop)) {
            sink.error(new IllegalStateException("Receiver of group " + options.groupId() + " on "
                    + options.topics() + " already has an active subscription"));
            return;
        }
        sink.onRequest(loop::request);
        sink.onDispose(loop::cancel);
        Thread thread = new Thread(loop, "liquidstream-receiver-" + options.groupId() + "-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether a {@link #receive()} subscription's consumer is open (false once it has been closed). */
    public boolean isActive() {
        return active.get() != null;
    }

    /** The partitions assigned to this receiver as of its latest poll; empty when not subscribed. */
    public Set<TopicPartition> assignment() {
        PollLoop<K, V> loop = active.get();
        return loop == null ? Set.of() : loop.assignment();
    }

    /** The partitions currently paused because downstream has no demand or records are buffered. */
    public Set<TopicPartition> pausedPartitions() {
        PollLoop<K, V> loop = active.get();
        return loop == null ? Set.of() : loop.pausedPartitions();
    }

    /** Records fetched but not yet emitted; never more than {@link ReceiverOptions#prefetch()}. */
    public int bufferedRecords() {
        PollLoop<K, V> loop = active.get();
        return loop == null ? 0 : loop.bufferedRecords();
    }

    /**
     * The consumer's group metadata as of its latest poll (generation and member id included), for
     * {@link KafkaTransactionalSender#transact}.
     *
     * @throws IllegalStateException if there is no active {@link #receive()} subscription
     */
    public ConsumerGroupMetadata groupMetadata() {
        PollLoop<K, V> loop = active.get();
        ConsumerGroupMetadata metadata = loop == null ? null : loop.groupMetadata();
        if (metadata == null) {
            throw new IllegalStateException("Receiver of group " + options.groupId()
                    + " has no active subscription, so no consumer group metadata");
        }
        return metadata;
    }

    public ReceiverOptions<K, V> options() {
        return options;
    }
}

package io.liquidstream.connectors.deadletter;

import io.liquidstream.connectors.kafka.PollingThreads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Watches the service's dead-letter topic while one source's packets are sent, and tells, as soon as the
 * service rejects any, how many and why.
 *
 * <p>The service dead-letters a rejected input record with its original key and bytes and the headers
 * {@code lsm.error.reason}, {@code lsm.error.detail}, {@code lsm.source.topic}, {@code lsm.source.partition}
 * and {@code lsm.source.offset}. A record counts as ours when its key is our source and it came from our
 * topic's partition for that key at or after the offset where our sending began (noted at {@link #start}),
 * so an earlier run's rejects, read late, are not blamed on this one.
 *
 * <p>The watcher reads from the dead-letter topic's end as it was at {@link #start} (from its beginning if
 * it did not exist yet), on a thread of its own. {@code onNotice} hears of the first record of each reason
 * at once, later ones at most once a second per reason.
 */
public final class DeadLetterWatch implements AutoCloseable {

    static final String REASON = "lsm.error.reason";
    static final String DETAIL = "lsm.error.detail";
    static final String SOURCE_TOPIC = "lsm.source.topic";
    static final String SOURCE_PARTITION = "lsm.source.partition";
    static final String SOURCE_OFFSET = "lsm.source.offset";
    private static final long NOTICE_INTERVAL_NANOS = 1_000_000_000L;
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    /**
     * What happened to one reason's records.
     *
     * @param count our records dead-lettered with this reason so far
     * @param total all our records dead-lettered so far
     * @param detail the detail of the latest one
     */
    public record Notice(String reason, long count, long total, String detail) {
    }

    private final Map<String, Object> clientProperties;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String dlqTopic;
    private final String source;
    private final byte[] key;
    private final String inputTopic;
    private final int inputPartition;
    private final long fromOffset;
    private final Consumer<Notice> onNotice;
    private final Thread thread;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, String> details = new HashMap<>();
    private final Map<String, Long> lastNotice = new HashMap<>();
    private volatile boolean closed;
    private volatile CountDownLatch caughtUp;
    private long total;
    private boolean assigned;

    private DeadLetterWatch(Map<String, Object> clientProperties, KafkaConsumer<byte[], byte[]> consumer,
            String dlqTopic, String source, String inputTopic, int inputPartition, long fromOffset,
            Consumer<Notice> onNotice) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.consumer = consumer;
        this.dlqTopic = dlqTopic;
        this.source = source;
        this.key = source.getBytes(StandardCharsets.UTF_8);
        this.inputTopic = inputTopic;
        this.inputPartition = inputPartition;
        this.fromOffset = fromOffset;
        this.onNotice = onNotice;
        this.thread = new Thread(this::watch, "liquidstream-dead-letter-watch");
        thread.setDaemon(true);
    }

    /**
     * Notes where our sending begins and starts watching.
     *
     * @param clientProperties Kafka client settings naming {@code bootstrap.servers} (and security, if any)
     * @param inputTopic the topic the packets go to; it may not exist yet
     * @throws org.apache.kafka.common.KafkaException if the broker does not answer within a few seconds
     */
    public static DeadLetterWatch start(Map<String, Object> clientProperties, String dlqTopic, String source,
            String inputTopic, Consumer<Notice> onNotice) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // looking a topic up must not create it on a broker that auto-creates topics
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) METADATA_TIMEOUT.toMillis());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            int partition = -1;
            long from = 0;
            List<PartitionInfo> input = consumer.partitionsFor(inputTopic, METADATA_TIMEOUT);
            if (input != null && !input.isEmpty()) {
                partition = partitionOf(source, input.size());
                TopicPartition tp = new TopicPartition(inputTopic, partition);
                from = consumer.endOffsets(List.of(tp), METADATA_TIMEOUT).get(tp);
            }
            DeadLetterWatch watch = new DeadLetterWatch(clientProperties, consumer, dlqTopic, source, inputTopic, partition, from, onNotice);
            watch.assign(false);
            watch.thread.start();
            return watch;
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** The partition the default partitioner gives a record keyed {@code source} (UTF-8) among {@code n}. */
    static int partitionOf(String source, int n) {
        return Utils.toPositive(Utils.murmur2(source.getBytes(StandardCharsets.UTF_8))) % n;
    }

    /** Assigns the dead-letter topic's partitions, if it exists: from its end now, or from its start if new. */
    private boolean assign(boolean fromStart) {
        List<PartitionInfo> partitions = consumer.partitionsFor(dlqTopic, METADATA_TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(dlqTopic, p.partition())).toList();
        consumer.assign(tps);
        if (fromStart) {
            consumer.seekToBeginning(tps);
        } else {
            consumer.endOffsets(tps, METADATA_TIMEOUT).forEach(consumer::seek);
        }
        assigned = true;
        return true;
    }

    private void watch() {
        long nextLookup = 0;
        try {
            while (!closed) {
                if (!assigned) {
                    CountDownLatch waiting = caughtUp;
                    if (System.nanoTime() >= nextLookup && !assign(true)) {
                        nextLookup = System.nanoTime() + 1_000_000_000L;
                    }
                    if (!assigned) {
                        if (waiting != null) {
                            // no dead-letter topic: nothing was dead-lettered
                            waiting.countDown();
                        }
                        Thread.sleep(100);
                        continue;
                    }
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    count(r);
                }
                CountDownLatch waiting = caughtUp;
                if (waiting != null && atEnd()) {
                    waiting.countDown();
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            if (!closed) {
                onNotice.accept(new Notice("WATCH_FAILED", 0, total(), "cannot read " + dlqTopic + ": " + e.getMessage()));
            }
        } finally {
            CountDownLatch waiting = caughtUp;
            if (waiting != null) {
                waiting.countDown();
            }
            consumer.close(Duration.ZERO);
        }
    }

    private boolean atEnd() {
        var tps = consumer.assignment();
        Map<TopicPartition, Long> ends = consumer.endOffsets(tps, METADATA_TIMEOUT);
        for (TopicPartition tp : tps) {
            if (consumer.position(tp, METADATA_TIMEOUT) < ends.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private void count(ConsumerRecord<byte[], byte[]> r) {
        if (!java.util.Arrays.equals(r.key(), key) || !ours(r)) {
            return;
        }
        String reason = header(r, REASON, "UNKNOWN");
        String detail = header(r, DETAIL, "");
        long n;
        long all;
        synchronized (this) {
            long[] c = counts.computeIfAbsent(reason, k -> new long[1]);
            n = ++c[0];
            all = ++total;
            details.put(reason, detail);
        }
        long now = System.nanoTime();
        Long last = lastNotice.get(reason);
        if (last == null || now - last >= NOTICE_INTERVAL_NANOS) {
            lastNotice.put(reason, now);
            onNotice.accept(new Notice(reason, n, all, detail));
        }
    }

    /** From our topic's partition for our key, at or after where we began (when the headers say). */
    private boolean ours(ConsumerRecord<byte[], byte[]> r) {
        String topic = header(r, SOURCE_TOPIC, null);
        if (topic != null && !topic.equals(inputTopic)) {
            return false;
        }
        if (inputPartition < 0) {
            // the topic did not exist when we began: everything in it is ours
            return true;
        }
        try {
            String partition = header(r, SOURCE_PARTITION, null);
            String offset = header(r, SOURCE_OFFSET, null);
            return partition == null || offset == null
                    || Integer.parseInt(partition) == inputPartition && Long.parseLong(offset) >= fromOffset;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name, String absent) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? absent : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * Waits until everything on the dead-letter topic now has been read (bounded by {@code max}), so that
     * {@link #total()} includes the rejects of what was sent before this call.
     *
     * @return whether the watcher caught up in time
     */
    public boolean catchUp(Duration max) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        caughtUp = latch;
        boolean done = latch.await(max.toMillis(), TimeUnit.MILLISECONDS);
        caughtUp = null;
        return done;
    }

    /**
     * Once everything is sent: waits (at most {@code max}) for a running service in consumer group
     * {@code serviceGroup} to settle it ({@link ServiceCatchUp}), then reads the dead-letter topic to its end,
     * so that {@link #total()} counts every reject of what was sent.
     */
    public ServiceCatchUp.Outcome settle(String serviceGroup, Duration max) throws InterruptedException {
        ServiceCatchUp.Outcome outcome = ServiceCatchUp.await(clientProperties, serviceGroup, inputTopic, source, max);
        catchUp(Duration.ofSeconds(5));
        return outcome;
    }

    /** Our records dead-lettered so far. */
    public synchronized long total() {
        return total;
    }

    /** Our records dead-lettered so far per reason, in the order the reasons first appeared. */
    public synchronized Map<String, Long> byReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((reason, c) -> out.put(reason, c[0]));
        return out;
    }

    /** The latest detail seen for {@code reason}, or null. */
    public synchronized String detail(String reason) {
        return details.get(reason);
    }

    /** The source whose records are watched for. */
    public String source() {
        return source;
    }

    @Override
    public void close() {
        closed = true;
        PollingThreads.stop(consumer, thread);
    }
}

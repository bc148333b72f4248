package io.liquidstream.connectors.replay;

import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the service's associations back on its own thread and matches each to the sample it answers: a
 * sender notes each sample as it goes out ({@link #sent}), and every association read is handed to the
 * listener with when its sample was sent, or null when that sample was not awaited (never noted, forgotten,
 * or answered before: a duplicate after a retry). Samples are told apart by a key, the sample id alone or
 * with its source ({@link #BY_SAMPLE_ID}, {@link #BY_SOURCE_AND_SAMPLE}). At most {@code capacity} samples
 * are awaited at once; beyond that the longest-awaited one is forgotten, as a sample the service
 * dead-letters is never answered. Runs its consumer in {@link #run()} until {@link #close()}; the other
 * methods may be called from any thread.
 */
public final class AnswerReader implements Runnable, AutoCloseable {

    /** When a sample was noted as sent: {@link System#nanoTime()} and the wall clock in µs since the epoch. */
    public record Sent(long nanos, long wallMicros) {
    }

    /** Receives each association read, on the reader's thread. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param sent when the answered sample was noted, or null when it was not awaited
         * @param nowNanos {@link System#nanoTime()} when the association was read
         */
        void answer(Association association, Sent sent, long nowNanos);
    }

    /** Samples keyed by their id alone: ids unique across sources. */
    public static final Function<Association, String> BY_SAMPLE_ID = a -> key(null, text(a.getSampleId()));

    /** Samples keyed by source and id: several sources may send the same sample id. */
    public static final Function<Association, String> BY_SOURCE_AND_SAMPLE =
            a -> key(text(a.getSource()), text(a.getSampleId()));

    private final Consumer<String, byte[]> consumer;
    private final Function<Association, String> key;
    private final Listener listener;
    private final Map<String, Sent> awaited;
    private final AvroSingleObjectCodec<Association> codec = AvroSingleObjectCodec.of(Association.class);
    private volatile boolean running = true;

    /**
     * @param consumer subscribed to the associations topic (read_committed), used only by {@link #run()},
     *     which closes it
     * @param key {@link #BY_SAMPLE_ID} or {@link #BY_SOURCE_AND_SAMPLE}, as the caller passes {@link #sent}
     *     a source or not
     */
    public AnswerReader(Consumer<String, byte[]> consumer, int capacity, Function<Association, String> key,
            Listener listener) {
        if (capacity < 1) {
            throw new IllegalArgumentException("expected room for at least 1 awaited sample, found " + capacity);
        }
        this.consumer = consumer;
        this.key = key;
        this.listener = listener;
        this.awaited = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The sample is being handed to the producer now.
     *
     * @param source the sample's source, or null with {@link #BY_SAMPLE_ID}
     */
    public void sent(String source, String sampleId) {
        Sent now = new Sent(System.nanoTime(), LiquidStreamService.wallMicros());
        synchronized (awaited) {
            awaited.put(key(source, sampleId), now);
        }
    }

    /** Samples noted as sent whose association has not been read yet. */
    public int awaiting() {
        synchronized (awaited) {
            return awaited.size();
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    Association a = codec.decode(r.value());
                    long now = System.nanoTime();
                    Sent sent;
                    synchronized (awaited) {
                        sent = a.getSampleId() == null ? null : awaited.remove(key.apply(a));
                    }
                    listener.answer(a, sent, now);
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll
        } finally {
            consumer.close();
        }
    }

    /** Ends {@link #run()}: wakes its poll; {@code run} closes the consumer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }

    private static String key(String source, String sampleId) {
        return source == null ? sampleId : source + ' ' + sampleId;
    }

    private static String text(CharSequence s) {
        return s == null ? null : s.toString();
    }
}

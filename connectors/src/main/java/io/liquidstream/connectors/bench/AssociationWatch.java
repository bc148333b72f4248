package io.liquidstream.connectors.bench;

import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the association topic on its own thread and matches every association to the sample it
 * answers, by sample id: counts answers, notes when the first and last came, and records two
 * latencies per answer — end to end, from the moment the sample's first packet was handed to the
 * producer to the moment its association is read back here; and inside the service, from its first
 * event received to the association emitted (the association's own timestamps).
 * Latencies are kept in HdrHistograms (µs, three significant digits); {@link #reset()} starts a new phase.
 */
public final class AssociationWatch implements Runnable, AutoCloseable {

    /** Answers and latencies of one phase. */
    public record Phase(long answered, double firstAnswerSeconds, double lastAnswerSeconds, Histogram endToEndMicros,
            Histogram serviceMicros) {
    }

    private static final long MAX_MICROS = Duration.ofMinutes(10).toNanos() / 1000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroSingleObjectCodec<Association> codec = AvroSingleObjectCodec.of(Association.class);
    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    private final long originNanos = System.nanoTime();
    private Histogram endToEnd = new Histogram(MAX_MICROS, 3);
    private Histogram service = new Histogram(MAX_MICROS, 3);
    private long answered;
    private long firstAnswerNanos;
    private long lastAnswerNanos;
    private long unexpected;
    private volatile boolean running = true;

    /** @param client connection properties; the watch reads {@code topic} from its end */
    public AssociationWatch(Map<String, Object> client, String topic) {
        Map<String, Object> props = new LinkedHashMap<>(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "liquidstream-bench-watch-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** The sample's first packet is being handed to the producer now. */
    public void sending(String sampleId) {
        sent.put(sampleId, System.nanoTime());
    }

    /** Samples sent and not answered yet. */
    public int awaiting() {
        return sent.size();
    }

    /** Associations read whose sample was not (or no longer) awaited: duplicates after a retry. */
    public synchronized long unexpected() {
        return unexpected;
    }

    /** Answers and latencies since the last reset; times are seconds since this watch was made. */
    public synchronized Phase phase() {
        return new Phase(answered, seconds(firstAnswerNanos), seconds(lastAnswerNanos), endToEnd.copy(), service.copy());
    }

    /** Seconds since this watch was made. */
    public double now() {
        return seconds(System.nanoTime());
    }

    /** Starts a new phase: counts and latencies from zero. */
    public synchronized void reset() {
        endToEnd = new Histogram(MAX_MICROS, 3);
        service = new Histogram(MAX_MICROS, 3);
        answered = 0;
        firstAnswerNanos = 0;
        lastAnswerNanos = 0;
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    answer(codec.decode(r.value()), System.nanoTime());
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll
        } finally {
            consumer.close();
        }
    }

    private synchronized void answer(Association a, long nowNanos) {
        Long sentNanos = a.getSampleId() == null ? null : sent.remove(a.getSampleId().toString());
        if (sentNanos == null) {
            unexpected++;
            return;
        }
        if (answered == 0) {
            firstAnswerNanos = nowNanos;
        }
        answered++;
        lastAnswerNanos = nowNanos;
        endToEnd.recordValue(Math.min(MAX_MICROS, Math.max(0, (nowNanos - sentNanos) / 1000)));
        service.recordValue(Math.min(MAX_MICROS, Math.max(0, a.getEmitMicros() - a.getFirstEventMicros())));
    }

    private double seconds(long nanos) {
        return nanos == 0 ? Double.NaN : (nanos - originNanos) / 1e9;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}

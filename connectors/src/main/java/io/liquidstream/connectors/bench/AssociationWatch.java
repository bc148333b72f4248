package io.liquidstream.connectors.bench;

import io.liquidstream.connectors.replay.AnswerReader;
import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.schemas.Association;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the association topic on its own thread and matches every association to the sample it
 * answers, by sample id ({@link AnswerReader}): counts answers, notes when the first and last came, and records the
 * latency per answer end to end, from the moment the sample's first packet was handed to the
 * producer to the moment its association is read back here; and its three legs, by the wall-clock
 * stamps the service puts on every association: ingress (first packet sent → received by the
 * service), service (→ association emitted) and egress (→ read back here).
 * Latencies are kept in HdrHistograms (µs, three significant digits); {@link #reset()} starts a new phase.
 */
public final class AssociationWatch implements Runnable, AutoCloseable {

    /** Answers and latencies of one phase. */
    public record Phase(long answered, double firstAnswerSeconds, double lastAnswerSeconds, long[] answerNanos,
            Histogram endToEndMicros, Histogram ingressMicros, Histogram serviceMicros, Histogram egressMicros) {

        /**
         * Samples answered per second between the answers at fractions {@code from} and {@code to} of
         * the phase's answers: a steady rate, without the start (group join, JIT, first batches) or the tail.
         */
        public double answersPerSecond(double from, double to) {
            int a = (int) Math.floor(from * (answerNanos.length - 1));
            int b = (int) Math.ceil(to * (answerNanos.length - 1));
            return b > a && answerNanos[b] > answerNanos[a] ? (b - a) / ((answerNanos[b] - answerNanos[a]) / 1e9)
                    : Double.NaN;
        }
    }

    private static final long MAX_MICROS = Duration.ofMinutes(10).toNanos() / 1000;

    private final AnswerReader reader;
    private final long originNanos = System.nanoTime();
    private Histogram endToEnd = new Histogram(MAX_MICROS, 3);
    private Histogram ingress = new Histogram(MAX_MICROS, 3);
    private Histogram service = new Histogram(MAX_MICROS, 3);
    private Histogram egress = new Histogram(MAX_MICROS, 3);
    private long answered;
    private long[] answerNanos = new long[1024];
    private long firstAnswerNanos;
    private long lastAnswerNanos;
    private long unexpected;

    /** @param client connection properties; the watch reads {@code topic} from its end */
    public AssociationWatch(Map<String, Object> client, String topic) {
        Map<String, Object> props = new LinkedHashMap<>(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "liquidstream-bench-watch-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        this.reader = new AnswerReader(consumer, Integer.MAX_VALUE, AnswerReader.BY_SAMPLE_ID, this::answer);
    }

    /** The sample's first packet is being handed to the producer now. */
    public void sending(String sampleId) {
        reader.sent(null, sampleId);
    }

    /** Samples sent and not answered yet. */
    public int awaiting() {
        return reader.awaiting();
    }

    /** Samples answered since the last reset. */
    public synchronized long answered() {
        return answered;
    }

    /** Associations read whose sample was not (or no longer) awaited: duplicates after a retry. */
    public synchronized long unexpected() {
        return unexpected;
    }

    /** Answers and latencies since the last reset; times are seconds since this watch was made. */
    public synchronized Phase phase() {
        return new Phase(answered, seconds(firstAnswerNanos), seconds(lastAnswerNanos),
                Arrays.copyOf(answerNanos, (int) answered), endToEnd.copy(), ingress.copy(),
                service.copy(), egress.copy());
    }

    /** Seconds since this watch was made. */
    public double now() {
        return seconds(System.nanoTime());
    }

    /** Starts a new phase: counts and latencies from zero. */
    public synchronized void reset() {
        endToEnd = new Histogram(MAX_MICROS, 3);
        ingress = new Histogram(MAX_MICROS, 3);
        service = new Histogram(MAX_MICROS, 3);
        egress = new Histogram(MAX_MICROS, 3);
        answered = 0;
        answerNanos = new long[1024];
        firstAnswerNanos = 0;
        lastAnswerNanos = 0;
    }

    @Override
    public void run() {
        reader.run();
    }

    private synchronized void answer(Association a, AnswerReader.Sent sent, long nowNanos) {
        long nowMicros = LiquidStreamService.wallMicros();
        if (sent == null) {
            unexpected++;
            return;
        }
        if (answered == 0) {
            firstAnswerNanos = nowNanos;
        }
        if (answered == answerNanos.length) {
            answerNanos = Arrays.copyOf(answerNanos, answerNanos.length * 2);
        }
        answerNanos[(int) answered++] = nowNanos;
        lastAnswerNanos = nowNanos;
        record(endToEnd, (nowNanos - sent.nanos()) / 1000);
        record(ingress, a.getFirstEventMicros() - sent.wallMicros());
        record(service, a.getEmitMicros() - a.getFirstEventMicros());
        record(egress, nowMicros - a.getEmitMicros());
    }

    private static void record(Histogram histogram, long micros) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, micros)));
    }

    private double seconds(long nanos) {
        return nanos == 0 ? Double.NaN : (nanos - originNanos) / 1e9;
    }

    @Override
    public void close() {
        reader.close();
    }
}

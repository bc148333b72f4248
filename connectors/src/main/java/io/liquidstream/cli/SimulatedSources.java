package io.liquidstream.cli;

import io.liquidstream.core.event.Events;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Live sources for the demo, played in real time (or faster, by {@code speed}): each source group
 * {@code group-<g>} streams one pen trial at a time, its motor-cortex recording on
 * {@code group-<g>/neural} and the event camera's view of the written digit on {@code group-<g>/camera},
 * both starting together on the group's clock, so the service can pair them. Events go out as
 * {@link EventPacket}s of at most {@link #PACKET_MICROS} of source time and {@link #PACKET_EVENTS} events,
 * with the trial's sample id and label; the last packet of a trial is marked {@code endOfSample}.
 * Groups cycle through the trials, each starting at a different one. Runs on one thread until
 * {@link #stop()}.
 */
final class SimulatedSources implements Runnable {

    /** One trial in both modalities. */
    record Trial(String id, int label, Events neural, Events vision) {
    }

    static final long PACKET_MICROS = 20_000;
    static final int PACKET_EVENTS = 1024;
    private static final long TICK_MILLIS = 5;

    private final Producer<String, byte[]> producer;
    private final String topicPrefix;
    private final List<Trial> trials;
    private final int groups;
    private final double speed;
    private final BiConsumer<String, String> sampleSent;
    private final AvroSingleObjectCodec<EventPacket> codec = AvroSingleObjectCodec.of(EventPacket.class);
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param topicPrefix input topics are this prefix plus {@code neural} or {@code vision}
     * @param sampleSent called with (source, sample id) right after a trial's last packet was handed to the producer
     */
    SimulatedSources(Producer<String, byte[]> producer, String topicPrefix, List<Trial> trials, int groups, double speed,
            BiConsumer<String, String> sampleSent) {
        if (trials.isEmpty() || groups <= 0 || !(speed > 0)) {
            throw new IllegalArgumentException("expected trials, groups > 0 and speed > 0, found " + trials.size()
                    + " trials, " + groups + " groups, speed " + speed);
        }
        this.producer = producer;
        this.topicPrefix = topicPrefix;
        this.trials = List.copyOf(trials);
        this.groups = groups;
        this.speed = speed;
        this.sampleSent = sampleSent;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        Playback[] playing = new Playback[groups];
        long[] nextTrial = new long[groups];
        for (int g = 0; g < groups; g++) {
            nextTrial[g] = g;
        }
        long[] seq = new long[2 * groups];
        long played = 0;
        try {
            while (running) {
                long now = System.nanoTime();
                for (int g = 0; g < groups; g++) {
                    if (playing[g] == null) {
                        Trial t = trials.get((int) (nextTrial[g] % trials.size()));
                        nextTrial[g] += groups;
                        long sourceClock = Math.round((now - start) / 1000.0 * speed);
                        playing[g] = new Playback("group-" + (g + 1), t, t.id() + "#" + played++, now, sourceClock);
                    }
                    long elapsedMicros = Math.round((now - playing[g].startNanos) / 1000.0 * speed);
                    boolean neuralDone = playing[g].neural.advance(elapsedMicros, seq, 2 * g);
                    boolean visionDone = playing[g].vision.advance(elapsedMicros, seq, 2 * g + 1);
                    if (neuralDone && visionDone) {
                        playing[g] = null;
                    }
                }
                Thread.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        running = false;
    }

    long eventsSent() {
        return events.get();
    }

    long packetsSent() {
        return packets.get();
    }

    /** Samples (one modality of one trial) whose last packet was sent. */
    long samplesSent() {
        return samples.get();
    }

    /** One trial being played in both modalities of a group. */
    private final class Playback {
        final long startNanos;
        final Stream neural;
        final Stream vision;

        Playback(String group, Trial trial, String sampleId, long startNanos, long sourceClockMicros) {
            this.startNanos = startNanos;
            this.neural = new Stream(group + "/neural", Modality.NEURAL, "neural", trial.neural(), sampleId, trial.label(),
                    sourceClockMicros);
            this.vision = new Stream(group + "/camera", Modality.VISION, "vision", trial.vision(), sampleId, trial.label(),
                    sourceClockMicros);
        }
    }

    /** One modality of a trial: sends the packets whose time has come. */
    private final class Stream {
        final String source;
        final Modality modality;
        final String topic;
        final Events e;
        final String sampleId;
        final int label;
        final long t0;
        int next;

        Stream(String source, Modality modality, String topicSuffix, Events events, String sampleId, int label, long t0) {
            this.source = source;
            this.modality = modality;
            this.topic = topicPrefix + topicSuffix;
            this.e = events;
            this.sampleId = sampleId;
            this.label = label;
            this.t0 = t0;
        }

        /** Sends every whole packet period that has elapsed; returns whether the trial is fully sent. */
        boolean advance(long elapsedMicros, long[] seq, int seqSlot) {
            int n = e.size();
            while (next < n) {
                long periodEnd = (e.t(next) / PACKET_MICROS + 1) * PACKET_MICROS;
                // A period goes out when it is over, the trial's last one as soon as its last event happened.
                if (elapsedMicros < Math.min(periodEnd, e.t(n - 1) + 1)) {
                    return false;
                }
                int end = next;
                while (end < n && end - next < PACKET_EVENTS && e.t(end) < periodEnd) {
                    end++;
                }
                send(next, end, seq[seqSlot]++, end == n);
                next = end;
            }
            return true;
        }

        private void send(int from, int to, long packetSeq, boolean last) {
            long base = e.t(from);
            int count = to - from;
            int[] dt = new int[count];
            int[] x = new int[count];
            boolean vision = modality == Modality.VISION;
            int[] y = new int[vision ? count : 0];
            int[] p = new int[vision ? count : 0];
            for (int i = 0; i < count; i++) {
                dt[i] = (int) (e.t(from + i) - base);
                x[i] = e.x(from + i);
                if (vision) {
                    y[i] = e.y(from + i);
                    p[i] = e.p(from + i);
                }
            }
            EventPacket packet = EventPackets.fromColumns(source, modality, packetSeq, t0 + base, dt, x, y, p);
            packet.setSampleId(sampleId);
            packet.setLabel(label);
            packet.setEndOfSample(last);
            producer.send(new ProducerRecord<>(topic, source, codec.encode(packet)));
            events.addAndGet(count);
            packets.incrementAndGet();
            if (last) {
                samples.incrementAndGet();
                sampleSent.accept(source, sampleId);
            }
        }
    }
}

package io.liquidstream.connectors.demo;

import io.liquidstream.connectors.replay.Pacer;
import io.liquidstream.connectors.replay.PacketCutter;
import io.liquidstream.connectors.replay.ReplaySpeed;
import io.liquidstream.core.event.Events;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Live sources for the demo, played in real time (or faster, by {@code speed}): each source group
 * {@code group-<g>} streams one pen trial at a time, its motor-cortex recording on
 * {@code group-<g>/neural} and the event camera's view of the written digit on {@code group-<g>/camera},
 * both starting together on the group's clock, so the service can pair them. Events go out as
 * {@link EventPacket}s of at most {@link #PACKET_MICROS} of source time and {@link #PACKET_EVENTS} events
 * ({@link PacketCutter}), with the trial's sample id and label, the last packet of a trial marked
 * {@code endOfSample}, each once its last event is due ({@link Pacer}).
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
    private final AtomicLong played = new AtomicLong();
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
        // One clock for all groups, in source µs since the start: each group's next trial starts where its last ended.
        Pacer pacer = new Pacer(new ReplaySpeed(speed));
        pacer.start(0);
        Group[] playing = new Group[groups];
        for (int g = 0; g < groups; g++) {
            playing[g] = new Group("group-" + (g + 1), g);
        }
        try {
            while (running) {
                for (Group g : playing) {
                    g.sendDue(pacer);
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

    /**
     * One source group: plays its trials one after the other, both modalities of a trial cut on the group's
     * clock and sent in time order, each packet once its last event is due.
     */
    private final class Group {
        final PacketCutter neural;
        final PacketCutter camera;
        final Deque<EventPacket> due = new ArrayDeque<>();
        long nextTrial;
        long clock;

        Group(String name, int index) {
            this.nextTrial = index;
            this.neural = new PacketCutter(name + "/neural", Modality.NEURAL, trials.get(0).neural().geometry(),
                    PACKET_EVENTS, PACKET_MICROS);
            this.camera = new PacketCutter(name + "/camera", Modality.VISION, trials.get(0).vision().geometry(),
                    PACKET_EVENTS, PACKET_MICROS);
        }

        void sendDue(Pacer pacer) {
            while (true) {
                if (due.isEmpty()) {
                    cutNextTrial();
                }
                EventPacket next = due.peek();
                if (pacer.nanosUntil(PacketCutter.lastMicros(next)) > 0) {
                    return;
                }
                send(due.poll());
            }
        }

        private void cutNextTrial() {
            Trial t = trials.get((int) (nextTrial % trials.size()));
            nextTrial += groups;
            String sampleId = t.id() + "#" + played.getAndIncrement();
            List<EventPacket> cut = new ArrayList<>();
            neural.sample(sampleId, t.label(), t.neural(), clock, cut::add);
            camera.sample(sampleId, t.label(), t.vision(), clock, cut::add);
            cut.sort(Comparator.comparingLong(PacketCutter::lastMicros));
            due.addAll(cut);
            clock = PacketCutter.lastMicros(cut.get(cut.size() - 1)) + 1;
        }
    }

    private void send(EventPacket packet) {
        String topic = topicPrefix + (packet.getModality() == Modality.NEURAL ? "neural" : "vision");
        String source = packet.getSource().toString();
        producer.send(new ProducerRecord<>(topic, source, codec.encode(packet)));
        events.addAndGet(EventPackets.size(packet));
        packets.incrementAndGet();
        if (packet.getEndOfSample()) {
            samples.incrementAndGet();
            sampleSent.accept(source, packet.getSampleId().toString());
        }
    }
}

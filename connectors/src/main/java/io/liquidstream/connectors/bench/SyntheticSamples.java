package io.liquidstream.connectors.bench;

import io.liquidstream.connectors.replay.PacketCutter;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Labelled samples of random in-range events for a benchmark, already encoded as the packets a
 * source would send ({@link PacketCutter}): {@code eventsPerSample} events at a steady rate over {@code sampleMicros} of
 * source time, each placed uniformly in its own equal slice (an N-MNIST saccade is ~4,000 events over
 * 300 ms), cut into packets of {@code packetEvents}, the last one marked end of sample. Sources take
 * turns; each keeps its own sequence numbers and clock, and its packets follow one another in time.
 * Not thread-safe.
 */
public final class SyntheticSamples {

    /** One sample of one source: its packets in sending order. */
    public record Sample(String source, String sampleId, List<byte[]> packets, int events) {
    }

    private static final AvroSingleObjectCodec<EventPacket> CODEC = AvroSingleObjectCodec.of(EventPacket.class);

    private final SensorGeometry sensor;
    private final String sourcePrefix;
    private final int eventsPerSample;
    private final int packetEvents;
    private final int sampleMicros;
    private final SplittableRandom random;
    private final PacketCutter[] cutters;
    private final long[] clock;
    private long samples;

    /**
     * @param sourcePrefix source ids are this prefix plus the source's number
     * @throws IllegalArgumentException if a count is not positive or the modality has no schema symbol
     */
    public SyntheticSamples(Modality modality, SensorGeometry sensor, String sourcePrefix, int sources,
            int eventsPerSample, int packetEvents, int sampleMicros, long seed) {
        if (modality == Modality.UNKNOWN) {
            throw new IllegalArgumentException("expected a known modality (vision, audio, neural), found UNKNOWN");
        }
        if (sources < 1 || eventsPerSample < 1 || packetEvents < 1 || sampleMicros < 1) {
            throw new IllegalArgumentException("expected sources, events per sample, packet events and sample length "
                    + "all >= 1, found " + sources + ", " + eventsPerSample + ", " + packetEvents + ", " + sampleMicros);
        }
        this.sensor = sensor;
        this.sourcePrefix = sourcePrefix;
        this.eventsPerSample = eventsPerSample;
        this.packetEvents = packetEvents;
        this.sampleMicros = sampleMicros;
        this.random = new SplittableRandom(seed);
        this.cutters = new PacketCutter[sources];
        for (int k = 0; k < sources; k++) {
            cutters[k] = new PacketCutter(sourceId(k), modality, sensor, packetEvents, Long.MAX_VALUE);
        }
        this.clock = new long[sources];
    }

    /** Events in every sample. */
    public int eventsPerSample() {
        return eventsPerSample;
    }

    /** Packets in every sample. */
    public int packetsPerSample() {
        return (eventsPerSample + packetEvents - 1) / packetEvents;
    }

    /** The id of source {@code k} (0-based), as its samples carry it. */
    public String sourceId(int k) {
        return sourcePrefix + k;
    }

    /** Samples made so far. */
    public long made() {
        return samples;
    }

    /** The next sample, from the next source in turn. */
    public Sample next() {
        int s = (int) (samples % cutters.length);
        String source = sourceId(s);
        String id = "s" + samples;
        int label = (int) (samples % 10);
        samples++;
        // One event uniformly within each of n equal slices of the sample: ordered without a sort, at a steady rate.
        long[] t = new long[eventsPerSample];
        int[] x = new int[eventsPerSample];
        int[] y = new int[eventsPerSample];
        byte[] p = new byte[eventsPerSample];
        for (int i = 0; i < eventsPerSample; i++) {
            long from = (long) i * sampleMicros / eventsPerSample;
            long to = (long) (i + 1) * sampleMicros / eventsPerSample;
            t[i] = from + (to > from ? random.nextLong(to - from) : 0);
            // one random long per event, 21 bits per coordinate: the sources must not cost the
            // machine more than the pipeline they feed
            long bits = random.nextLong();
            x[i] = scaled(bits, sensor.width());
            y[i] = scaled(bits >>> 21, sensor.height());
            p[i] = (byte) scaled(bits >>> 42, sensor.polarities());
        }
        List<byte[]> packets = new ArrayList<>(packetsPerSample());
        cutters[s].sample(id, label, Events.of(sensor, t, x, y, p), clock[s], packet -> packets.add(CODEC.encode(packet)));
        clock[s] += sampleMicros;
        return new Sample(source, id, packets, eventsPerSample);
    }

    /** The low 21 bits of {@code bits} as a uniform value in {@code [0, bound)}. */
    private static int scaled(long bits, int bound) {
        return (int) (((bits & 0x1FFFFF) * bound) >>> 21);
    }
}

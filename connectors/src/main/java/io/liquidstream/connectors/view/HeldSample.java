package io.liquidstream.connectors.view;

import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.util.Arrays;

/**
 * The raw events of one recent sample of a source, gathered from its packets, so the page can register
 * it as a class exemplar and the view can run it through the reservoir. Bounded: a sample with more
 * than {@code maxEvents} events is marked overflowed and not held (its embedding still is).
 */
final class HeldSample {

    private final String source;
    private final Modality modality;
    private final String sampleId;
    private final Integer label;
    private final int maxEvents;
    private long[] t = new long[256];
    private int[] x = new int[256];
    private int[] y = new int[256];
    private int[] p = new int[256];
    private int size;
    private boolean planar;
    private boolean polar;
    private boolean overflowed;
    private boolean complete;
    private long lastSentMillis;

    HeldSample(String source, Modality modality, String sampleId, Integer label, int maxEvents) {
        this.source = source;
        this.modality = modality;
        this.sampleId = sampleId;
        this.label = label;
        this.maxEvents = maxEvents;
    }

    /**
     * Adds a packet of the sample, given as its primitive columns ({@code y}, {@code p} empty when absent).
     *
     * @param sentMillis the packet's record timestamp: when its producer handed it to Kafka
     */
    void add(EventPacket packet, long t0, int[] dt, int[] xs, int[] ys, int[] ps, long sentMillis) {
        lastSentMillis = Math.max(lastSentMillis, sentMillis);
        complete |= packet.getEndOfSample();
        int n = dt.length;
        if (overflowed || size + n > maxEvents) {
            overflowed = true;
            return;
        }
        if (size + n > t.length) {
            int capacity = Math.max(t.length * 2, size + n);
            t = Arrays.copyOf(t, capacity);
            x = Arrays.copyOf(x, capacity);
            y = Arrays.copyOf(y, capacity);
            p = Arrays.copyOf(p, capacity);
        }
        planar |= ys.length > 0;
        polar |= ps.length > 0;
        for (int i = 0; i < n; i++) {
            t[size + i] = t0 + dt[i];
        }
        System.arraycopy(xs, 0, x, size, n);
        if (ys.length > 0) {
            System.arraycopy(ys, 0, y, size, n);
        }
        if (ps.length > 0) {
            System.arraycopy(ps, 0, p, size, n);
        }
        size += n;
    }

    String source() {
        return source;
    }

    String sampleId() {
        return sampleId;
    }

    /** Events held: 0 when the sample overflowed or had none. */
    int events() {
        return overflowed ? 0 : size;
    }

    /** When the sample's latest packet was handed to Kafka (its record timestamp), in ms since the epoch. */
    long lastSentMillis() {
        return lastSentMillis;
    }

    boolean complete() {
        return complete;
    }

    /**
     * The sample as one packet with times relative to its first event, as anchors carry raw exemplars;
     * null when nothing is held.
     */
    EventPacket toPacket() {
        if (events() == 0) {
            return null;
        }
        long base = t[0];
        int[] dt = new int[size];
        for (int i = 0; i < size; i++) {
            dt[i] = Math.toIntExact(t[i] - base);
        }
        EventPacket packet = EventPackets.fromColumns(source, modality, 0, base, dt, Arrays.copyOf(x, size),
                planar ? Arrays.copyOf(y, size) : new int[0], polar ? Arrays.copyOf(p, size) : new int[0]);
        packet.setSampleId(sampleId);
        packet.setLabel(label);
        packet.setEndOfSample(true);
        return packet;
    }
}

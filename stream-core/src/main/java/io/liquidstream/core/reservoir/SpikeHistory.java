package io.liquidstream.core.reservoir;

import java.util.Arrays;

/**
 * The spikes of a continuously running reservoir over its latest {@code capacity} bins: a ring of
 * per-bin spike lists, fed as a {@link SpikeSink} by {@link LifReservoir#advance}. Read-outs of a live
 * liquid are taken from it: firing rates over the latest window in segments (what
 * {@link LifReservoir#encodeSegments} computes for a window run from rest, with the same arithmetic),
 * and spike counts over the latest few bins. Memory is bounded by {@code capacity} and the spikes per
 * bin, never by the stream's length. Mutable, not thread-safe: one per stream.
 */
public final class SpikeHistory implements SpikeSink {

    private final int neurons;
    private final int[][] ring;
    private final int[] sizes;
    /** Bins recorded since creation (or the last clear). */
    private long recorded;

    /**
     * @param neurons the reservoir's neuron count
     * @param capacity bins kept, positive
     */
    public SpikeHistory(int neurons, int capacity) {
        if (neurons <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("neurons and capacity must be positive, found " + neurons + " and "
                    + capacity);
        }
        this.neurons = neurons;
        this.ring = new int[capacity][];
        this.sizes = new int[capacity];
        Arrays.fill(ring, new int[0]);
    }

    @Override
    public void bin(int bin, int[] spiked, int count) {
        int slot = (int) (recorded % ring.length);
        if (ring[slot].length < count) {
            ring[slot] = new int[Math.max(count, 2 * ring[slot].length)];
        }
        System.arraycopy(spiked, 0, ring[slot], 0, count);
        sizes[slot] = count;
        recorded++;
    }

    public int capacity() {
        return ring.length;
    }

    public int neurons() {
        return neurons;
    }

    /** Bins recorded so far (may exceed the capacity; only the latest {@code capacity} are kept). */
    public long recorded() {
        return recorded;
    }

    /** Forgets every bin. */
    public void clear() {
        recorded = 0;
        Arrays.fill(sizes, 0);
    }

    /**
     * Adds to {@code out[offset + neuron]} the spikes of each neuron in the bins {@code [ago, ago + span)}
     * bins before the latest one's end (bins {@code 1..span} back when {@code ago} is 0, i.e. the latest
     * {@code span} bins). Bins before the first recorded one count as silent.
     *
     * @throws IllegalArgumentException if those bins reach further back than the capacity
     */
    public void addCounts(int ago, int span, int[] out, int offset) {
        if (ago < 0 || span < 0 || (long) ago + span > ring.length) {
            throw new IllegalArgumentException("bins [" + ago + ", " + ((long) ago + span)
                    + ") ago are outside the history of " + ring.length + " bins");
        }
        for (int back = ago; back < ago + span && back < recorded; back++) {
            int slot = (int) ((recorded - 1 - back) % ring.length);
            int[] spikes = ring[slot];
            for (int k = 0, n = sizes[slot]; k < n; k++) {
                out[offset + spikes[k]]++;
            }
        }
    }

    /**
     * Firing rates over the latest {@code windowBins} bins, in {@code segments} consecutive equal parts
     * ({@code segments × neurons} values, segment-major, oldest part first), each count divided by its
     * part's bin count as {@link LifReservoir#encodeSegments} divides it: over the same bins from the same
     * state the two agree exactly.
     *
     * @throws IllegalArgumentException if {@code windowBins} exceeds the capacity or {@code segments} is not
     *     in {@code [1, windowBins]}
     */
    public float[] rates(int windowBins, int segments) {
        if (segments < 1 || segments > windowBins) {
            throw new IllegalArgumentException("segments must be in [1, " + windowBins + "], found " + segments);
        }
        int[] counts = new int[segments * neurons];
        for (int seg = 0; seg < segments; seg++) {
            int from = segmentStart(seg, segments, windowBins);
            int to = segmentStart(seg + 1, segments, windowBins);
            addCounts(windowBins - to, to - from, counts, seg * neurons);
        }
        float[] out = new float[counts.length];
        for (int seg = 0; seg < segments; seg++) {
            float width = segmentStart(seg + 1, segments, windowBins) - segmentStart(seg, segments, windowBins);
            for (int j = 0; j < neurons; j++) {
                out[seg * neurons + j] = counts[seg * neurons + j] / width;
            }
        }
        return out;
    }

    private static int segmentStart(int segment, int segments, int bins) {
        return (int) ((long) segment * bins / segments);
    }

    @Override
    public String toString() {
        return "SpikeHistory[" + neurons + " neurons, " + Math.min(recorded, ring.length) + "/" + ring.length + " bins]";
    }
}

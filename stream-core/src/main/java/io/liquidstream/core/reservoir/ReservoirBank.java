package io.liquidstream.core.reservoir;

import io.liquidstream.core.binning.SpikeWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Independent fixed reservoirs fed the same input and read out side by side: reservoir {@code k} is the
 * spec's reservoir drawn from seed {@code spec.seed() + k · SEED_STRIDE}. This is one liquid of
 * {@code count × neurons} neurons whose recurrent weights are block-diagonal: every neuron sees the whole
 * input, but recurrence stays within its block, so the cost per sample grows linearly with the count while
 * the dynamics of each block are the seed's. One reservoir is the seed's read-out, encoded exactly as
 * {@link LifReservoir#encode} / {@link LifReservoir#encodeSegments} encode it.
 *
 * <p>Immutable and thread-safe, as its reservoirs are.
 */
public final class ReservoirBank {

    /** Seed distance between consecutive reservoirs of a bank. */
    public static final long SEED_STRIDE = 1000L;

    private final List<LifReservoir> reservoirs;

    private ReservoirBank(List<LifReservoir> reservoirs) {
        this.reservoirs = List.copyOf(reservoirs);
    }

    /**
     * {@code count} reservoirs of {@code spec}, their weights from {@code source}.
     *
     * @throws IllegalArgumentException if {@code count} is not positive
     */
    public static ReservoirBank of(ReservoirSpec spec, WeightSource source, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a bank needs at least one reservoir, found " + count);
        }
        List<LifReservoir> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(new LifReservoir(spec.withSeed(seedOf(spec.seed(), k)), source));
        }
        return new ReservoirBank(out);
    }

    /** A bank of the one reservoir given. */
    public static ReservoirBank of(LifReservoir reservoir) {
        return new ReservoirBank(List.of(Objects.requireNonNull(reservoir, "reservoir")));
    }

    /** The seed of reservoir {@code k} of a bank whose spec has {@code seed}. */
    public static long seedOf(long seed, int k) {
        return seed + k * SEED_STRIDE;
    }

    public int count() {
        return reservoirs.size();
    }

    /** Reservoir 0, the spec's own (the one a continuous stream carries and a raster shows). */
    public LifReservoir first() {
        return reservoirs.get(0);
    }

    public List<LifReservoir> reservoirs() {
        return reservoirs;
    }

    /** Input lines of every reservoir. */
    public int inputs() {
        return first().spec().inputs();
    }

    /** Neurons of all reservoirs together. */
    public int neurons() {
        return count() * first().neurons();
    }

    /**
     * Firing rates of every reservoir in {@code segments} parts of the window, reservoir-major: reservoir
     * 0's {@code segments × neurons} values as {@link LifReservoir#encodeSegments} gives them, then
     * reservoir 1's, and so on.
     */
    public float[] encode(SpikeWindow window, int segments) {
        if (reservoirs.size() == 1) {
            LifReservoir r = reservoirs.get(0);
            return segments == 1 ? r.encode(window) : r.encodeSegments(window, segments);
        }
        int width = first().neurons() * segments;
        float[] out = new float[reservoirs.size() * width];
        for (int k = 0; k < reservoirs.size(); k++) {
            LifReservoir r = reservoirs.get(k);
            System.arraycopy(segments == 1 ? r.encode(window) : r.encodeSegments(window, segments), 0, out, k * width,
                    width);
        }
        return out;
    }
}

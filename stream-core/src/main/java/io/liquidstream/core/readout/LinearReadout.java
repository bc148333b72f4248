package io.liquidstream.core.readout;

import io.liquidstream.core.reservoir.SpikeHistory;
import java.util.List;
import java.util.Objects;

/**
 * The regression read-out of a continuously running liquid: an affine map {@code y = x W + b} from the
 * read-out features {@code x} to named continuous targets {@code y} (e.g. pen velocity {@code vx, vy}).
 * The features are each neuron's firing rate over the liquid's latest {@code bins} bins, in
 * {@code segments} consecutive parts ({@link SpikeHistory#rates(int, int)}, {@code segments × neurons}
 * values), of bins of {@code binMicros}: a short trace of recent states, as a Wiener filter reads the
 * recent binned spikes of the electrodes themselves.
 *
 * <p>Fitted in closed form by {@link RidgeRegression}; applied in plain Java (no ND4J when serving).
 * Immutable and thread-safe.
 */
public final class LinearReadout {

    private final List<String> names;
    private final int bins;
    private final int segments;
    private final long binMicros;
    private final AffineMap map;

    /**
     * @param map from the {@code segments × neurons} features to one value per name
     * @throws IllegalArgumentException if the shapes disagree or the read-out window is not positive
     */
    public LinearReadout(List<String> names, int bins, int segments, long binMicros, AffineMap map) {
        Objects.requireNonNull(map, "map");
        int inputs = map.inputs();
        this.names = List.copyOf(names);
        if (this.names.isEmpty() || bins <= 0 || segments <= 0 || segments > bins || binMicros <= 0 || inputs <= 0) {
            throw new IllegalArgumentException("expected at least one target, positive bins (" + bins + "), segments ("
                    + segments + ") in [1, bins], bin duration (" + binMicros + " us) and inputs (" + inputs
                    + "), found targets " + names);
        }
        if (inputs % segments != 0) {
            throw new IllegalArgumentException("inputs (" + inputs + ") must be segments (" + segments + ") x neurons");
        }
        if (map.outputs() != this.names.size()) {
            throw new IllegalArgumentException("expected one output per target " + names + ", found " + map.outputs());
        }
        this.bins = bins;
        this.segments = segments;
        this.binMicros = binMicros;
        this.map = map;
    }

    /** The targets' names, in the order of {@link #apply}'s values. */
    public List<String> names() {
        return names;
    }

    public int outputs() {
        return names.size();
    }

    /** Bins of liquid history each read-out covers. */
    public int bins() {
        return bins;
    }

    public int segments() {
        return segments;
    }

    /** The bin duration the read-out was fitted on; a liquid binned otherwise would feed it other features. */
    public long binMicros() {
        return binMicros;
    }

    public int inputs() {
        return map.inputs();
    }

    /** Neurons of the reservoir this read-out reads. */
    public int neurons() {
        return map.inputs() / segments;
    }

    /** The fitted map from features to targets. */
    public AffineMap map() {
        return map;
    }

    /** The read-out features of a liquid's history: its rates over the latest {@link #bins()} in {@link #segments()}. */
    public float[] features(SpikeHistory history) {
        return history.rates(bins, segments);
    }

    /** The decoded values of the liquid's current history. */
    public float[] decode(SpikeHistory history) {
        return apply(features(history));
    }

    /**
     * The targets for one feature vector.
     *
     * @throws IllegalArgumentException if it does not have {@link #inputs()} values
     */
    public float[] apply(float[] x) {
        return map.apply(x);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearReadout r && r.names.equals(names) && r.bins == bins && r.segments == segments
                && r.binMicros == binMicros && r.map.equals(map);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, bins, segments, binMicros, map);
    }

    @Override
    public String toString() {
        return "LinearReadout" + names + "[" + neurons() + " neurons x " + segments + " segments over " + bins
                + " bins of " + binMicros + " us]";
    }
}

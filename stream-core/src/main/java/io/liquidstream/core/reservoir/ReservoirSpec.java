package io.liquidstream.core.reservoir;

import java.util.Objects;

/**
 * Everything that defines a reservoir. Weights are a pure function of this value (and the weight
 * source), so a model file stores the spec, seed included, instead of the matrices.
 *
 * @param inputs number of binary input lines per bin
 * @param neurons number of LIF neurons
 * @param bins nominal time bins per sample (a window may bring its own count)
 * @param decay membrane leak factor per bin, in [0, 1]
 * @param threshold firing threshold; a neuron spikes when its membrane is strictly above it
 * @param scale constant multiplying the unscaled Gaussian draws
 * @param inputStats unscaled statistics of the input weights
 * @param recurrentStats unscaled statistics of the recurrent weights
 * @param seed seed from which every weight is derived
 */
public record ReservoirSpec(int inputs, int neurons, int bins, double decay, double threshold, double scale,
                            WeightStats inputStats, WeightStats recurrentStats, long seed) {

    /** Largest matrix that fits one row-major float array. */
    private static final long MAX_MATRIX = Integer.MAX_VALUE - 8;

    public ReservoirSpec {
        if (inputs <= 0 || neurons <= 0 || bins <= 0) {
            throw new IllegalArgumentException("inputs, neurons and bins must be positive, found inputs=" + inputs
                    + ", neurons=" + neurons + ", bins=" + bins);
        }
        if ((long) inputs * neurons > MAX_MATRIX || (long) neurons * neurons > MAX_MATRIX) {
            throw new IllegalArgumentException("weight matrices of " + inputs + "x" + neurons + " and " + neurons + "x"
                    + neurons + " exceed the largest Java array (" + MAX_MATRIX + " entries)");
        }
        if (!(decay >= 0 && decay <= 1)) {
            throw new IllegalArgumentException("decay must lie in [0, 1], found " + decay);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, found " + threshold);
        }
        if (!Double.isFinite(scale) || scale < 0) {
            throw new IllegalArgumentException("scale must be finite and >= 0, found " + scale);
        }
        Objects.requireNonNull(inputStats, "inputStats");
        Objects.requireNonNull(recurrentStats, "recurrentStats");
    }

    public ReservoirSpec withInputs(int newInputs) {
        return new ReservoirSpec(newInputs, neurons, bins, decay, threshold, scale, inputStats, recurrentStats, seed);
    }

    public ReservoirSpec withNeurons(int newNeurons) {
        return new ReservoirSpec(inputs, newNeurons, bins, decay, threshold, scale, inputStats, recurrentStats, seed);
    }

    public ReservoirSpec withBins(int newBins) {
        return new ReservoirSpec(inputs, neurons, newBins, decay, threshold, scale, inputStats, recurrentStats, seed);
    }

    public ReservoirSpec withDecay(double newDecay) {
        return new ReservoirSpec(inputs, neurons, bins, newDecay, threshold, scale, inputStats, recurrentStats, seed);
    }

    public ReservoirSpec withThreshold(double newThreshold) {
        return new ReservoirSpec(inputs, neurons, bins, decay, newThreshold, scale, inputStats, recurrentStats, seed);
    }

    public ReservoirSpec withScale(double newScale) {
        return new ReservoirSpec(inputs, neurons, bins, decay, threshold, newScale, inputStats, recurrentStats, seed);
    }

    public ReservoirSpec withSeed(long newSeed) {
        return new ReservoirSpec(inputs, neurons, bins, decay, threshold, scale, inputStats, recurrentStats, newSeed);
    }
}

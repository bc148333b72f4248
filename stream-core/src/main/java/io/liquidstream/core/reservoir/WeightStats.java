package io.liquidstream.core.reservoir;

/**
 * Gaussian statistics of a weight matrix before scaling: entries are drawn as
 * {@code scale * N(mean, std)}.
 *
 * <p>The two presets are the measured statistics of RRAM differential conductances reported by the
 * seed paper (in µS), which is why the reservoir presets carry small scale constants.
 *
 * @param mean mean of the unscaled distribution
 * @param std standard deviation of the unscaled distribution, non-negative
 */
public record WeightStats(double mean, double std) {

    /** Measured statistics of the input (W_in) differential conductances. */
    public static final WeightStats RRAM_INPUT = new WeightStats(0.00156, 6.61329);

    /** Measured statistics of the recurrent (W_rec) differential conductances. */
    public static final WeightStats RRAM_RECURRENT = new WeightStats(0.00606, 6.67268);

    public WeightStats {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || std < 0) {
            throw new IllegalArgumentException("weight stats need a finite mean and a finite std >= 0, found mean="
                    + mean + ", std=" + std);
        }
    }
}

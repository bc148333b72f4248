package io.liquidstream.core.evaluation;

/**
 * How a fixed random liquid is read out for a linear probe: how many independent reservoirs read the input
 * side by side ({@link io.liquidstream.core.reservoir.ReservoirBank}), in how many consecutive parts of
 * each window their firing rates are taken, and whether each feature is standardised (training rows'
 * mean and deviation) before the read-out is trained. The reservoirs' weights are never trained.
 */
public record Readout(int reservoirs, int segments, boolean standardise) {

    /** The seed's: one reservoir, whole-window firing rates, raw. */
    public static final Readout SEED = new Readout(1, 1, false);

    public Readout {
        if (reservoirs < 1 || segments < 1) {
            throw new IllegalArgumentException("reservoirs and segments must be at least 1, found " + reservoirs
                    + " and " + segments);
        }
    }

    /** E.g. {@code 5 reservoirs, 2 segments, standardised}. */
    public String describe() {
        return reservoirs + (reservoirs == 1 ? " reservoir" : " reservoirs") + ", " + segments
                + (segments == 1 ? " segment" : " segments") + (standardise ? ", standardised" : ", raw rates");
    }
}

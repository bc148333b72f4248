package io.liquidstream.core.reservoir;

/**
 * Where a reservoir's fixed weights come from: ideal Gaussian draws or a device model. Implementations
 * are deterministic: the same spec (seed included) always yields the same matrices.
 */
public interface WeightSource {

    /** The input and recurrent matrices for the spec's shape, derived from its seed. */
    ReservoirWeights weights(ReservoirSpec spec);
}

package io.liquidstream.core.bundle;

import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.reservoir.ReservoirSpec;
import io.liquidstream.core.reservoir.ReservoirWeights;
import io.liquidstream.core.reservoir.RramDeviceModel;
import io.liquidstream.core.reservoir.RramDifferentialPairWeights;
import io.liquidstream.core.reservoir.WeightSource;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a bundle reproduces a reservoir's weights: regenerated from the spec's seed ({@link Ideal},
 * {@link Rram}) or stored as arrays ({@link Stored}) when no reproducible source made them.
 */
public sealed interface WeightSourceSpec {

    /** The weight source this describes. */
    WeightSource toWeightSource();

    /**
     * The description of a reproducible source.
     *
     * @throws IllegalArgumentException for a source that cannot be regenerated from a seed; store its
     *     matrices with {@link Stored} instead
     */
    static WeightSourceSpec of(WeightSource source) {
        if (source instanceof IdealGaussianWeights) {
            return new Ideal();
        }
        if (source instanceof RramDifferentialPairWeights rram) {
            return new Rram(rram.device());
        }
        throw new IllegalArgumentException("expected IdealGaussianWeights or RramDifferentialPairWeights, found "
                + source + "; store its matrices as WeightSourceSpec.Stored");
    }

    /** Ideal Gaussian draws from the spec's seed. */
    record Ideal() implements WeightSourceSpec {
        @Override
        public WeightSource toWeightSource() {
            return new IdealGaussianWeights();
        }
    }

    /** RRAM differential pairs programmed from the spec's seed with this device model. */
    record Rram(RramDeviceModel device) implements WeightSourceSpec {
        public Rram {
            Objects.requireNonNull(device, "device");
        }

        @Override
        public WeightSource toWeightSource() {
            return new RramDifferentialPairWeights(device);
        }
    }

    /**
     * Matrices kept verbatim.
     *
     * @param input row-major {@code [inputs][neurons]}
     * @param recurrent row-major {@code [neurons][neurons]}
     * @param readNoise relative per-read noise, 0 for exact reads
     */
    record Stored(float[] input, float[] recurrent, double readNoise) implements WeightSourceSpec {
        public Stored {
            input = input.clone();
            recurrent = recurrent.clone();
            if (!Double.isFinite(readNoise) || readNoise < 0) {
                throw new IllegalArgumentException("read noise must be finite and >= 0, found " + readNoise);
            }
        }

        /** Captures a reservoir's matrices. */
        public static Stored of(ReservoirWeights weights) {
            return new Stored(weights.inputMatrix(), weights.recurrentMatrix(), weights.readNoise());
        }

        @Override
        public float[] input() {
            return input.clone();
        }

        @Override
        public float[] recurrent() {
            return recurrent.clone();
        }

        /** @throws IllegalArgumentException if the matrices do not have the spec's shape */
        @Override
        public WeightSource toWeightSource() {
            return (ReservoirSpec spec) -> new ReservoirWeights(spec.inputs(), spec.neurons(), input, recurrent, readNoise);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Stored other && Arrays.equals(input, other.input)
                    && Arrays.equals(recurrent, other.recurrent) && Double.compare(readNoise, other.readNoise) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(input), Arrays.hashCode(recurrent), readNoise);
        }

        @Override
        public String toString() {
            return "Stored[input=" + input.length + " weights, recurrent=" + recurrent.length + " weights, readNoise="
                    + readNoise + "]";
        }
    }
}

package io.liquidstream.core.readout;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code y = x W + b}: {@code W} of {@code inputs × outputs} (input-major), {@code b} of {@code outputs}.
 * Plain Java; immutable and thread-safe.
 */
public final class AffineMap {

    private final int inputs;
    private final int outputs;
    private final float[] weights;
    private final float[] bias;

    /** @throws IllegalArgumentException if the array lengths do not match the shape */
    public AffineMap(int inputs, int outputs, float[] weights, float[] bias) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
        if (inputs <= 0 || outputs <= 0 || weights.length != (long) inputs * outputs || bias.length != outputs) {
            throw new IllegalArgumentException("expected " + inputs + " x " + outputs + " weights and " + outputs
                    + " biases, found " + weights.length + " and " + bias.length);
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.weights = weights.clone();
        this.bias = bias.clone();
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    /** A copy of {@code W}, input-major. */
    public float[] weights() {
        return weights.clone();
    }

    public float[] bias() {
        return bias.clone();
    }

    /**
     * @throws IllegalArgumentException if {@code x} does not have {@link #inputs()} values
     */
    public float[] apply(float[] x) {
        if (x.length != inputs) {
            throw new IllegalArgumentException("expected " + inputs + " inputs, found " + x.length);
        }
        float[] y = bias.clone();
        for (int i = 0; i < inputs; i++) {
            float xi = x[i];
            // Spike counts and rates are mostly zero.
            if (xi != 0f) {
                int row = i * outputs;
                for (int k = 0; k < outputs; k++) {
                    y[k] += xi * weights[row + k];
                }
            }
        }
        return y;
    }

    /** {@link #apply} on every row. */
    public float[][] apply(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = apply(rows[i]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AffineMap m && m.inputs == inputs && m.outputs == outputs && Arrays.equals(m.weights, weights)
                && Arrays.equals(m.bias, bias);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * inputs + outputs) + Arrays.hashCode(weights) * 7 + Arrays.hashCode(bias);
    }
}

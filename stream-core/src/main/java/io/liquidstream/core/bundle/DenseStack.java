package io.liquidstream.core.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A projection head as plain data: {@code layerDims = [in, h1, ..., out]} gives {@code layerDims.length - 1}
 * dense layers; {@code weights} alternates, per layer, the weight matrix ({@code [in][out]} row-major)
 * and the bias ({@code [out]}). The activation is applied between layers, by name (e.g. {@code GELU}).
 */
public record DenseStack(int[] layerDims, String activation, List<float[]> weights) {

    public DenseStack {
        Objects.requireNonNull(activation, "activation");
        layerDims = layerDims.clone();
        if (layerDims.length < 2) {
            throw new IllegalArgumentException("a dense stack needs at least input and output dims, found "
                    + Arrays.toString(layerDims));
        }
        for (int d : layerDims) {
            if (d <= 0) {
                throw new IllegalArgumentException("layer dims must be positive, found " + Arrays.toString(layerDims));
            }
        }
        int layers = layerDims.length - 1;
        if (weights.size() != 2 * layers) {
            throw new IllegalArgumentException(layers + " layers need " + 2 * layers
                    + " arrays (weights and bias per layer), found " + weights.size());
        }
        List<float[]> copy = new ArrayList<>(weights.size());
        for (int i = 0; i < weights.size(); i++) {
            int[] shape = shape(layerDims, i);
            long expected = shape.length == 2 ? (long) shape[0] * shape[1] : shape[0];
            if (weights.get(i).length != expected) {
                throw new IllegalArgumentException("layer " + i / 2 + " " + (i % 2 == 0 ? "weights" : "bias")
                        + " must hold " + expected + " values (shape " + Arrays.toString(shape) + "), found "
                        + weights.get(i).length);
            }
            copy.add(weights.get(i).clone());
        }
        weights = List.copyOf(copy);
    }

    /** Shape of array {@code index} of {@code weights}: {@code [in, out]} for weights, {@code [out]} for a bias. */
    static int[] shape(int[] layerDims, int index) {
        int layer = index / 2;
        return index % 2 == 0 ? new int[] {layerDims[layer], layerDims[layer + 1]} : new int[] {layerDims[layer + 1]};
    }

    public int layers() {
        return layerDims.length - 1;
    }

    @Override
    public int[] layerDims() {
        return layerDims.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DenseStack other) || !Arrays.equals(layerDims, other.layerDims)
                || !activation.equals(other.activation) || weights.size() != other.weights.size()) {
            return false;
        }
        for (int i = 0; i < weights.size(); i++) {
            if (!Arrays.equals(weights.get(i), other.weights.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 31 * Arrays.hashCode(layerDims) + activation.hashCode();
        for (float[] w : weights) {
            h = 31 * h + Arrays.hashCode(w);
        }
        return h;
    }

    @Override
    public String toString() {
        return "DenseStack" + Arrays.toString(layerDims) + " " + activation;
    }
}

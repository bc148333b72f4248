package io.liquidstream.core.projection;

import java.util.List;

/**
 * A {@link ProjectionHead}'s weights copied once into plain arrays for inference: the same layers,
 * activation and L2 normalisation, one window at a time, without ND4J. Serving embeds a few windows
 * per millisecond; ND4J's fixed cost per operation made a 200→64 head take ~250 µs per micro-batch
 * of one window and ~2.2 ms for 64, against ~4 µs and ~0.4 ms here (measured on the 2-core build
 * machine). Training stays on ND4J. Immutable and thread-safe.
 */
public final class FrozenHead {

    private static final double NORM_EPS = 1e-12;

    private final int[] dims;
    private final float[][] weights; // per layer, [in][out] row-major
    private final float[][] biases;
    private final Activation activation;
    private final boolean l2Normalised;

    private FrozenHead(int[] dims, float[][] weights, float[][] biases, Activation activation, boolean l2Normalised) {
        this.dims = dims;
        this.weights = weights;
        this.biases = biases;
        this.activation = activation;
        this.l2Normalised = l2Normalised;
    }

    /** A copy of {@code head}'s current parameters; later training of {@code head} does not reach it. */
    public static FrozenHead of(ProjectionHead head) {
        return fromWeights(head.layerDims(), head.activation(), head.exportWeights(), head.l2Normalised());
    }

    /**
     * A head from plain arrays, as {@link ProjectionHead#fromWeights(int[], Activation, List, boolean)}
     * takes them (per layer the weights {@code [in][out]} row-major, then the bias), without ND4J: serving
     * a bundle never loads it.
     *
     * @throws IllegalArgumentException if the arrays do not fit the layer dimensions
     */
    public static FrozenHead fromWeights(int[] layerDims, Activation activation, List<float[]> weights,
            boolean l2Normalised) {
        ProjectionHead.checkWeights(layerDims, weights);
        int layers = layerDims.length - 1;
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = weights.get(2 * l).clone();
            b[l] = weights.get(2 * l + 1).clone();
        }
        return new FrozenHead(layerDims.clone(), w, b, activation, l2Normalised);
    }

    public int inputDim() {
        return dims[0];
    }

    public int outputDim() {
        return dims[dims.length - 1];
    }

    /**
     * The embedding of one feature vector.
     *
     * @throws IllegalArgumentException if {@code features} does not have {@link #inputDim()} values
     */
    public float[] embed(float[] features) {
        if (features.length != dims[0]) {
            throw new IllegalArgumentException("expected " + dims[0] + " features, found " + features.length);
        }
        float[] h = features;
        for (int l = 0; l < weights.length; l++) {
            int in = dims[l];
            int out = dims[l + 1];
            float[] w = weights[l];
            float[] z = biases[l].clone();
            for (int i = 0; i < in; i++) {
                float x = h[i];
                if (x != 0) {
                    int row = i * out;
                    for (int j = 0; j < out; j++) {
                        z[j] += x * w[row + j];
                    }
                }
            }
            if (l + 1 < weights.length) {
                for (int j = 0; j < out; j++) {
                    z[j] = (float) activation.apply(z[j]);
                }
            }
            h = z;
        }
        if (l2Normalised) {
            double squares = 0;
            for (float v : h) {
                squares += (double) v * v;
            }
            float scale = (float) (1 / Math.max(Math.sqrt(squares), NORM_EPS));
            for (int j = 0; j < h.length; j++) {
                h[j] *= scale;
            }
        }
        return h;
    }
}

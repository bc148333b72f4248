package io.liquidstream.core.projection;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-feature standardisation of reservoir features, {@code z_i = (x_i - μ_i) / σ_i}, fitted on the
 * training rows. Reservoir firing rates differ by orders of magnitude between neurons, so without it
 * a few busy neurons dominate the projection and the rest, which carry most of the input's temporal
 * structure, are ignored.
 *
 * <p>{@code σ_i = sqrt(var_i + floor²)}: the floor keeps a neuron that (almost) never fired in training
 * from being blown up when it fires at run time.
 *
 * <p>Once a head is trained on standardised features, {@link #foldInto} moves the standardisation into
 * the head's first layer ({@code W'_ij = W_ij / σ_i}, {@code b'_j = b_j - Σ_i μ_i W_ij / σ_i}), so the
 * served head takes raw features and nothing else has to be stored or applied.
 */
public final class FeatureStandardiser {

    /** The default floor of {@code σ}: a fraction of the smallest non-zero step of a 20-bin firing rate. */
    public static final double DEFAULT_FLOOR = 0.01;

    private final float[] mean;
    private final float[] scale;

    private FeatureStandardiser(float[] mean, float[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Fits mean and scale per column of {@code rows}.
     *
     * @throws IllegalArgumentException if there are no rows, widths differ or the floor is not positive
     */
    public static FeatureStandardiser fit(float[][] rows, double floor) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a standardiser on no rows");
        }
        if (!(floor > 0) || Double.isInfinite(floor)) {
            throw new IllegalArgumentException("the scale floor must be positive and finite, found " + floor);
        }
        int d = rows[0].length;
        double[] sum = new double[d];
        for (float[] r : rows) {
            if (r.length != d) {
                throw new IllegalArgumentException("rows must share one width, found " + d + " and " + r.length);
            }
            for (int i = 0; i < d; i++) {
                sum[i] += r[i];
            }
        }
        float[] mean = new float[d];
        double[] sq = new double[d];
        for (int i = 0; i < d; i++) {
            mean[i] = (float) (sum[i] / rows.length);
        }
        for (float[] r : rows) {
            for (int i = 0; i < d; i++) {
                double c = r[i] - mean[i];
                sq[i] += c * c;
            }
        }
        float[] scale = new float[d];
        for (int i = 0; i < d; i++) {
            scale[i] = (float) Math.sqrt(sq[i] / rows.length + floor * floor);
        }
        return new FeatureStandardiser(mean, scale);
    }

    public int dimension() {
        return mean.length;
    }

    /** Standardised copies of the rows. */
    public float[][] apply(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            float[] x = rows[r];
            if (x.length != mean.length) {
                throw new IllegalArgumentException("row " + r + " has " + x.length + " features, expected "
                        + mean.length);
            }
            float[] z = new float[x.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = (x[i] - mean[i]) / scale[i];
            }
            out[r] = z;
        }
        return out;
    }

    /**
     * A head that maps raw features to what {@code head} maps their standardised values to.
     *
     * @throws IllegalArgumentException if the head's input dimension is not this standardiser's
     */
    public ProjectionHead foldInto(ProjectionHead head) {
        if (head.inputDim() != mean.length) {
            throw new IllegalArgumentException("head takes " + head.inputDim() + " features, the standardiser "
                    + mean.length);
        }
        int[] dims = head.layerDims();
        int in = dims[0];
        int out = dims[1];
        List<float[]> params = new ArrayList<>(head.exportWeights());
        float[] w = params.get(0);
        float[] b = params.get(1);
        // Sum in double: ~10^4 terms, whose float rounding would show in the embedding.
        double[] shift = new double[out];
        for (int i = 0; i < in; i++) {
            float inv = 1f / scale[i];
            int row = i * out;
            for (int j = 0; j < out; j++) {
                w[row + j] *= inv;
                shift[j] += (double) mean[i] * w[row + j];
            }
        }
        for (int j = 0; j < out; j++) {
            b[j] = (float) (b[j] - shift[j]);
        }
        params.set(0, w);
        params.set(1, b);
        return ProjectionHead.fromWeights(dims, head.activation(), params, head.l2Normalised());
    }
}

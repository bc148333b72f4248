package io.liquidstream.core.projection;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The plane of the first two principal components of a set of vectors, for drawing an embedding space
 * in 2-D: fitted once on a set, then used to project any vector of the same dimension. The sign of each
 * axis is fixed (its largest-magnitude coordinate positive), so refits on similar sets do not mirror
 * the picture.
 */
public final class PrincipalPlane {

    private final double[] mean;
    private final double[] first;
    private final double[] second;
    private final double[] explained;

    private PrincipalPlane(double[] mean, double[] first, double[] second, double[] explained) {
        this.mean = mean;
        this.first = first;
        this.second = second;
        this.explained = explained;
    }

    /**
     * Fits the plane on the given vectors (at least one; all of one dimension of at least 2).
     *
     * @throws IllegalArgumentException if the list is empty or the dimensions differ or are below 2
     */
    public static PrincipalPlane fit(List<float[]> vectors) {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("expected at least one vector to fit a principal plane, found none");
        }
        int d = vectors.get(0).length;
        if (d < 2) {
            throw new IllegalArgumentException("expected vectors of dimension at least 2, found " + d);
        }
        int n = vectors.size();
        double[] mean = new double[d];
        for (float[] v : vectors) {
            if (v.length != d) {
                throw new IllegalArgumentException("expected vectors of dimension " + d + ", found one of " + v.length);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += v[j] / (double) n;
            }
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (float[] v : vectors) {
            for (int j = 0; j < d; j++) {
                c[j] = v[j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    cov[i][j] += c[i] * c[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                cov[i][j] = cov[j][i];
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(cov, false);
        EigenDecomposition eigen = new EigenDecomposition(m);
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double total = 0;
        for (double v : values) {
            total += Math.max(0, v);
        }
        double[] first = oriented(eigen.getEigenvector(order[0]).toArray());
        double[] second = oriented(eigen.getEigenvector(order[1]).toArray());
        double[] explained = total > 0
                ? new double[] {Math.max(0, values[order[0]]) / total, Math.max(0, values[order[1]]) / total}
                : new double[] {0, 0};
        return new PrincipalPlane(mean, first, second, explained);
    }

    /** Coordinates of a vector on the two axes, relative to the fitted mean. */
    public double[] project(float[] vector) {
        if (vector.length != mean.length) {
            throw new IllegalArgumentException("expected a vector of dimension " + mean.length + ", found "
                    + vector.length);
        }
        double x = 0;
        double y = 0;
        for (int j = 0; j < mean.length; j++) {
            double c = vector[j] - mean[j];
            x += c * first[j];
            y += c * second[j];
        }
        return new double[] {x, y};
    }

    /** Share of the total variance along the first and the second axis. */
    public double[] explainedVariance() {
        return explained.clone();
    }

    public int dimension() {
        return mean.length;
    }

    private static double[] oriented(double[] axis) {
        int largest = 0;
        for (int j = 1; j < axis.length; j++) {
            if (Math.abs(axis[j]) > Math.abs(axis[largest])) {
                largest = j;
            }
        }
        if (axis[largest] < 0) {
            for (int j = 0; j < axis.length; j++) {
                axis[j] = -axis[j];
            }
        }
        return axis;
    }
}

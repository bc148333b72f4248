package io.liquidstream.core.evaluation;

import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * The Kalman filter of intracortical cursor decoding (Wu et al. 2006), fitted by least squares: the
 * decoded quantities (e.g. velocity) are the state, {@code x_t = A x_{t-1} + w}, and the binned spike
 * counts a linear observation of it, {@code z_t = H x_t + q}, with Gaussian {@code w ~ N(0, W)},
 * {@code q ~ N(0, Q)}; all four matrices are estimated from training trials (centred, so the means act
 * as the intercepts). Neural activity leads movement, so the observation of bin {@code t} is the counts
 * of the {@code span} bins ending {@code lag} bins before it. Decoding runs the filter causally through
 * each trial from the mean state, in information form: the {@code channels × channels} noise covariance
 * is inverted once, and each step solves only a {@code state × state} system.
 */
public final class KalmanFilterDecoder {

    private final int lag;
    private final int span;
    private final RealMatrix a;
    private final RealMatrix w;
    /** {@code Hᵀ Q⁻¹} and {@code Hᵀ Q⁻¹ H}. */
    private final RealMatrix hq;
    private final RealMatrix hqh;
    private final double[] xMean;
    private final double[] zMean;
    private final RealMatrix initialCovariance;

    private KalmanFilterDecoder(int lag, int span, RealMatrix a, RealMatrix w, RealMatrix hq, RealMatrix hqh,
            double[] xMean, double[] zMean, RealMatrix initialCovariance) {
        this.lag = lag;
        this.span = span;
        this.a = a;
        this.w = w;
        this.hq = hq;
        this.hqh = hqh;
        this.xMean = xMean;
        this.zMean = zMean;
        this.initialCovariance = initialCovariance;
    }

    /**
     * Fits the filter on training trials: {@code counts.get(i)[bin][channel]} and {@code targets.get(i)[bin][k]}.
     *
     * @param lag bins between the observed counts and the state they observe (0: the same bin)
     * @param span bins of counts summed into one observation
     */
    public static KalmanFilterDecoder fit(List<int[][]> counts, List<float[][]> targets, int lag, int span) {
        if (counts.size() != targets.size() || counts.isEmpty() || lag < 0 || span < 1) {
            throw new IllegalArgumentException("expected as many count as target trials (at least one), lag >= 0 "
                    + "and span >= 1, found " + counts.size() + " and " + targets.size() + " trials, lag " + lag
                    + ", span " + span);
        }
        int q = targets.get(0)[0].length;
        int c = counts.get(0)[0].length;
        double[] xMean = new double[q];
        double[] zMean = new double[c];
        long n = 0;
        for (int i = 0; i < counts.size(); i++) {
            float[][] x = targets.get(i);
            for (int t = 0; t < x.length; t++) {
                double[] z = observation(counts.get(i), t, lag, span, c);
                for (int k = 0; k < q; k++) {
                    xMean[k] += x[t][k];
                }
                for (int j = 0; j < c; j++) {
                    zMean[j] += z[j];
                }
                n++;
            }
        }
        for (int k = 0; k < q; k++) {
            xMean[k] /= n;
        }
        for (int j = 0; j < c; j++) {
            zMean[j] /= n;
        }
        double[][] xx = new double[q][q];
        double[][] xPrev = new double[q][q];
        double[][] xCross = new double[q][q];
        double[][] zx = new double[c][q];
        for (int i = 0; i < counts.size(); i++) {
            float[][] x = targets.get(i);
            for (int t = 0; t < x.length; t++) {
                double[] xt = centred(x[t], xMean);
                double[] z = observation(counts.get(i), t, lag, span, c);
                for (int j = 0; j < c; j++) {
                    z[j] -= zMean[j];
                }
                addOuter(xx, xt, xt);
                addOuter(zx, z, xt);
                if (t > 0) {
                    double[] xp = centred(x[t - 1], xMean);
                    addOuter(xPrev, xp, xp);
                    addOuter(xCross, xt, xp);
                }
            }
        }
        RealMatrix sxx = new Array2DRowRealMatrix(xx);
        RealMatrix aHat = new Array2DRowRealMatrix(xCross).multiply(inverse(new Array2DRowRealMatrix(xPrev)));
        RealMatrix hHat = new Array2DRowRealMatrix(zx).multiply(inverse(sxx));
        // Residual covariances, from the sums: E[(x - A x')(x - A x')ᵀ] and E[(z - H x)(z - H x)ᵀ].
        double[][] wSum = new double[q][q];
        double[][] qSum = new double[c][c];
        long pairs = 0;
        for (int i = 0; i < counts.size(); i++) {
            float[][] x = targets.get(i);
            for (int t = 0; t < x.length; t++) {
                RealVector xt = new ArrayRealVector(centred(x[t], xMean), false);
                double[] z = observation(counts.get(i), t, lag, span, c);
                for (int j = 0; j < c; j++) {
                    z[j] -= zMean[j];
                }
                double[] rz = new ArrayRealVector(z, false).subtract(hHat.operate(xt)).toArray();
                addOuter(qSum, rz, rz);
                if (t > 0) {
                    RealVector xp = new ArrayRealVector(centred(x[t - 1], xMean), false);
                    double[] rx = xt.subtract(aHat.operate(xp)).toArray();
                    addOuter(wSum, rx, rx);
                    pairs++;
                }
            }
        }
        RealMatrix wHat = new Array2DRowRealMatrix(wSum).scalarMultiply(1.0 / Math.max(1, pairs));
        RealMatrix qHat = new Array2DRowRealMatrix(qSum).scalarMultiply(1.0 / n);
        // Silent or duplicate channels make Q singular; a little diagonal loading keeps it invertible.
        double loading = 1e-3 * Math.max(qHat.getTrace() / c, 1e-12);
        for (int j = 0; j < c; j++) {
            qHat.addToEntry(j, j, loading);
        }
        RealMatrix qInverse = new CholeskyDecomposition(qHat).getSolver().getInverse();
        RealMatrix hq = hHat.transpose().multiply(qInverse);
        return new KalmanFilterDecoder(lag, span, aHat, wHat, hq, hq.multiply(hHat), xMean, zMean,
                sxx.scalarMultiply(1.0 / n));
    }

    public int lag() {
        return lag;
    }

    public int span() {
        return span;
    }

    /** The decoded state at every bin of one trial, filtering causally from the mean state. */
    public float[][] decode(int[][] counts) {
        int q = xMean.length;
        int c = zMean.length;
        RealVector x = new ArrayRealVector(q);
        RealMatrix p = initialCovariance;
        float[][] out = new float[counts.length][q];
        for (int t = 0; t < counts.length; t++) {
            RealVector xPrior = a.operate(x);
            RealMatrix pPrior = a.multiply(p).multiply(a.transpose()).add(w);
            RealMatrix priorInformation = inverse(pPrior);
            double[] z = observation(counts, t, lag, span, c);
            for (int j = 0; j < c; j++) {
                z[j] -= zMean[j];
            }
            p = inverse(priorInformation.add(hqh));
            x = p.operate(priorInformation.operate(xPrior).add(hq.operate(new ArrayRealVector(z, false))));
            for (int k = 0; k < q; k++) {
                out[t][k] = (float) (x.getEntry(k) + xMean[k]);
            }
        }
        return out;
    }

    private static double[] observation(int[][] counts, int t, int lag, int span, int channels) {
        double[] z = new double[channels];
        for (int b = t - lag - span + 1; b <= t - lag; b++) {
            if (b >= 0 && b < counts.length) {
                int[] row = counts[b];
                for (int j = 0; j < channels; j++) {
                    z[j] += row[j];
                }
            }
        }
        return z;
    }

    private static double[] centred(float[] v, double[] mean) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = v[k] - mean[k];
        }
        return out;
    }

    private static void addOuter(double[][] sum, double[] u, double[] v) {
        for (int i = 0; i < u.length; i++) {
            double ui = u[i];
            if (ui != 0) {
                double[] row = sum[i];
                for (int j = 0; j < v.length; j++) {
                    row[j] += ui * v[j];
                }
            }
        }
    }

    private static RealMatrix inverse(RealMatrix m) {
        return new LUDecomposition(m).getSolver().getInverse();
    }

    @Override
    public String toString() {
        return "Kalman filter, counts of " + span + " bins " + lag + " bins before the state";
    }
}

package io.liquidstream.core.association;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An affine map {@code y = x W + b} fitted by ridge regression on paired rows. Rows are centred so
 * the bias is not shrunk. The penalty is relative, {@code λ = ridge · trace(G) / size(G)} for the
 * Gram matrix {@code G}, so one setting suits features of any magnitude. The Gram matrix is the
 * smaller of {@code XᵀX} (primal) and {@code XXᵀ} (dual), which give the same solution; it is
 * symmetric positive definite once regularised, so a Cholesky factorisation solves the system.
 */
final class RidgeMap {

    private final float[] weights; // [in][out] row-major
    private final float[] bias;
    private final int in;
    private final int out;

    private RidgeMap(float[] weights, float[] bias, int in, int out) {
        this.weights = weights;
        this.bias = bias;
        this.in = in;
        this.out = out;
    }

    static RidgeMap fit(float[][] x, float[][] y, double ridge) {
        int n = x.length;
        int in = x[0].length;
        int out = y[0].length;
        INDArray xs = centred(x);
        INDArray ys = centred(y);
        INDArray xMean = Nd4j.createFromArray(x).castTo(DataType.DOUBLE).mean(0);
        INDArray yMean = Nd4j.createFromArray(y).castTo(DataType.DOUBLE).mean(0);
        INDArray w;
        if (in <= n) {
            INDArray gram = xs.transpose().mmul(xs);
            w = solveRegularised(gram, xs.transpose().mmul(ys), ridge);
        } else {
            INDArray gram = xs.mmul(xs.transpose());
            w = xs.transpose().mmul(solveRegularised(gram, ys, ridge));
        }
        INDArray b = yMean.sub(xMean.reshape(1, in).mmul(w).reshape(out));
        return new RidgeMap(w.castTo(DataType.FLOAT).reshape(in * out).toFloatVector(),
                b.castTo(DataType.FLOAT).toFloatVector(), in, out);
    }

    int inputs() {
        return in;
    }

    float[] apply(float[] x) {
        float[] y = bias.clone();
        for (int i = 0; i < in; i++) {
            float xi = x[i];
            if (xi != 0) {
                int row = i * out;
                for (int j = 0; j < out; j++) {
                    y[j] += xi * weights[row + j];
                }
            }
        }
        return y;
    }

    /** Solves {@code (G + λI) W = R} by Cholesky factorisation, in double precision. */
    private static INDArray solveRegularised(INDArray gram, INDArray rhs, double ridge) {
        int size = (int) gram.rows();
        double[][] g = gram.toDoubleMatrix();
        double trace = 0;
        for (int i = 0; i < size; i++) {
            trace += g[i][i];
        }
        double lambda = ridge * Math.max(trace, Double.MIN_NORMAL) / size;
        for (int i = 0; i < size; i++) {
            g[i][i] += lambda;
        }
        choleskyInPlace(g);
        double[][] r = rhs.toDoubleMatrix();
        int cols = r[0].length;
        double[][] solution = new double[size][cols];
        double[] column = new double[size];
        for (int c = 0; c < cols; c++) {
            for (int i = 0; i < size; i++) {
                double v = r[i][c];
                for (int k = 0; k < i; k++) {
                    v -= g[i][k] * column[k];
                }
                column[i] = v / g[i][i];
            }
            for (int i = size - 1; i >= 0; i--) {
                double v = column[i];
                for (int k = i + 1; k < size; k++) {
                    v -= g[k][i] * solution[k][c];
                }
                solution[i][c] = v / g[i][i];
            }
        }
        return Nd4j.createFromArray(solution);
    }

    /** Overwrites the lower triangle with L of {@code A = L Lᵀ}. */
    private static void choleskyInPlace(double[][] a) {
        int n = a.length;
        for (int j = 0; j < n; j++) {
            double[] rowJ = a[j];
            double d = rowJ[j];
            for (int k = 0; k < j; k++) {
                d -= rowJ[k] * rowJ[k];
            }
            if (!(d > 0)) {
                throw new IllegalArgumentException("regularised Gram matrix is not positive definite at pivot " + j
                        + " (found " + d + "); features must be finite");
            }
            double l = Math.sqrt(d);
            rowJ[j] = l;
            for (int i = j + 1; i < n; i++) {
                double[] rowI = a[i];
                double v = rowI[j];
                for (int k = 0; k < j; k++) {
                    v -= rowI[k] * rowJ[k];
                }
                rowI[j] = v / l;
            }
        }
    }

    private static INDArray centred(float[][] rows) {
        INDArray m = Nd4j.createFromArray(rows).castTo(DataType.DOUBLE);
        return m.subRowVector(m.mean(0));
    }
}

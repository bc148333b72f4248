package io.liquidstream.core.association;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

/**
 * An affine map {@code y = x W + b} fitted by ridge regression on paired rows. Rows are centred so
 * the bias is not shrunk. The penalty is relative, {@code λ = ridge · trace(G) / size(G)} for the
 * Gram matrix {@code G}, so one setting suits features of any magnitude. The Gram matrix is the
 * smaller of {@code XᵀX} (primal) and {@code XXᵀ} (dual), which give the same solution.
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
            w = regularisedInverse(gram, ridge).mmul(xs.transpose().mmul(ys));
        } else {
            INDArray gram = xs.mmul(xs.transpose());
            w = xs.transpose().mmul(regularisedInverse(gram, ridge).mmul(ys));
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

    private static INDArray regularisedInverse(INDArray gram, double ridge) {
        long size = gram.rows();
        double trace = gram.diag().sumNumber().doubleValue();
        double lambda = ridge * Math.max(trace, Double.MIN_NORMAL) / size;
        return InvertMatrix.invert(gram.addi(Nd4j.eye(size).castTo(DataType.DOUBLE).muli(lambda)), false);
    }

    private static INDArray centred(float[][] rows) {
        INDArray m = Nd4j.createFromArray(rows).castTo(DataType.DOUBLE);
        return m.subRowVector(m.mean(0));
    }
}

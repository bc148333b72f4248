package io.liquidstream.core.projection;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Central finite differences in double precision, to check analytic gradients against. */
final class GradientCheck {

    private static final double STEP = 1e-5;

    private GradientCheck() {
    }

    /**
     * The largest deviation between {@code analytic} and the central difference of {@code loss} over
     * every element of {@code param}, relative to {@code max(1, |numeric|)}.
     */
    static double maxError(INDArray param, INDArray analytic, DoubleSupplier loss) {
        if (param.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("gradient checks need DOUBLE parameters, found " + param.dataType());
        }
        double worst = 0;
        for (long i = 0; i < param.length(); i++) {
            double original = param.getDouble(i);
            param.putScalar(i, original + STEP);
            double plus = loss.getAsDouble();
            param.putScalar(i, original - STEP);
            double minus = loss.getAsDouble();
            param.putScalar(i, original);
            double numeric = (plus - minus) / (2 * STEP);
            worst = Math.max(worst, Math.abs(numeric - analytic.getDouble(i)) / Math.max(1.0, Math.abs(numeric)));
        }
        return worst;
    }

    /** The central difference of a function of one scalar. */
    static double derivative(java.util.function.DoubleUnaryOperator f, double x) {
        return (f.applyAsDouble(x + STEP) - f.applyAsDouble(x - STEP)) / (2 * STEP);
    }

    /** A {@code [rows, cols]} DOUBLE array of standard normal draws. */
    static INDArray gaussian(int rows, int cols, long seed) {
        java.util.Random rng = new java.util.Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE);
    }

    /** Rows scaled to unit length. */
    static INDArray unitRows(INDArray x) {
        return x.divColumnVector(x.norm2(true, 1));
    }
}

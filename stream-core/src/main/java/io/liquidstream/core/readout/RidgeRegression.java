package io.liquidstream.core.readout;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Ridge regression in closed form: the affine map minimising {@code |Y - X W - b|² + λ |W|²}, from the
 * normal equations {@code (XᵀX + λI) W = XᵀY} of centred rows (so the bias is not shrunk). The penalty is
 * relative, {@code λ = penalty · trace(XᵀX) / inputs}, so one scale of penalties suits features of any
 * magnitude.
 *
 * <p>One symmetric eigendecomposition {@code XᵀX = Q Λ Qᵀ} (LAPACK through ND4J) serves every penalty:
 * {@code W(λ) = Q (Λ + λ)⁻¹ Qᵀ XᵀY}, so {@link #select} tries a whole grid of penalties on a validation
 * split for the price of one fit. Cost: {@code rows × inputs²} for the Gram matrix and {@code inputs³}
 * for the decomposition; memory {@code rows × inputs} floats plus two {@code inputs²} doubles.
 */
public final class RidgeRegression {

    /** Relative penalties {@link #select} tries by default: 10⁻⁴ to 10², half a decade apart. */
    public static final double[] PENALTIES = {1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3, 10, 30, 100};

    private final int inputs;
    private final int outputs;
    private final INDArray eigenvectors;
    private final double[] eigenvalues;
    /** {@code Qᵀ XᵀY} of the centred data, {@code inputs × outputs}. */
    private final INDArray projected;
    private final INDArray xMean;
    private final INDArray yMean;
    private final double trace;

    private RidgeRegression(int inputs, int outputs, INDArray eigenvectors, double[] eigenvalues, INDArray projected,
            INDArray xMean, INDArray yMean, double trace) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.eigenvectors = eigenvectors;
        this.eigenvalues = eigenvalues;
        this.projected = projected;
        this.xMean = xMean;
        this.yMean = yMean;
        this.trace = trace;
    }

    /**
     * Decomposes the normal equations of the rows {@code x} (features) and {@code y} (targets).
     *
     * @throws IllegalArgumentException if there are fewer than two rows, the row counts differ, or rows
     *     differ in length
     */
    public static RidgeRegression of(float[][] x, float[][] y) {
        if (x.length < 2 || x.length != y.length) {
            throw new IllegalArgumentException("expected at least two rows and as many targets as feature rows, found "
                    + x.length + " feature rows and " + y.length + " target rows");
        }
        int p = x[0].length;
        int q = y[0].length;
        INDArray xs = matrix(x, p, "feature");
        INDArray ys = matrix(y, q, "target").castTo(DataType.DOUBLE);
        INDArray xMean = xs.mean(0);
        xs.subiRowVector(xMean);
        INDArray yMean = ys.mean(0);
        ys.subiRowVector(yMean);
        INDArray gram = xs.transpose().mmul(xs).castTo(DataType.DOUBLE);
        INDArray xty = xs.castTo(DataType.DOUBLE).transpose().mmul(ys);
        double trace = 0;
        for (int i = 0; i < p; i++) {
            trace += gram.getDouble(i, i);
        }
        // Overwrites the Gram matrix with its eigenvectors, one per column.
        double[] eigenvalues = Eigen.symmetricGeneralizedEigenvalues(gram, true).toDoubleVector();
        INDArray projected = gram.transpose().mmul(xty);
        return new RidgeRegression(p, q, gram, eigenvalues, projected, xMean.castTo(DataType.DOUBLE), yMean, trace);
    }

    /** The map for one relative penalty (> 0). */
    public AffineMap solve(double penalty) {
        if (!(penalty > 0)) {
            throw new IllegalArgumentException("penalty must be positive, found " + penalty);
        }
        double lambda = penalty * Math.max(trace, Double.MIN_NORMAL) / inputs;
        INDArray scaled = projected.dup();
        for (int i = 0; i < inputs; i++) {
            // An eigenvalue of a semi-definite matrix may come out a rounding error below zero.
            scaled.getRow(i).divi(Math.max(eigenvalues[i], 0) + lambda);
        }
        INDArray w = eigenvectors.mmul(scaled);
        INDArray b = yMean.sub(xMean.reshape(1, inputs).mmul(w).reshape(outputs));
        return new AffineMap(inputs, outputs, w.castTo(DataType.FLOAT).reshape((long) inputs * outputs).toFloatVector(),
                b.castTo(DataType.FLOAT).toFloatVector());
    }

    /** One fit per penalty and its score on the validation rows. */
    public record Trial(double penalty, RegressionScore validation) {
    }

    /**
     * The penalty among {@code penalties} whose fit on {@code (xFit, yFit)} predicts {@code (xValidation,
     * yValidation)} best (highest R² averaged over the targets), and every penalty's score. The validation
     * rows must come from the training data: choosing on test data would flatter the result.
     */
    public static Selection select(float[][] xFit, float[][] yFit, float[][] xValidation, float[][] yValidation,
            double[] penalties) {
        RidgeRegression fit = of(xFit, yFit);
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        for (double penalty : penalties) {
            RegressionScore score = RegressionScore.of(fit.solve(penalty).apply(xValidation), yValidation);
            Trial t = new Trial(penalty, score);
            trials.add(t);
            if (best == null || score.meanR2() > best.validation().meanR2()) {
                best = t;
            }
        }
        return new Selection(best.penalty(), List.copyOf(trials));
    }

    /** The chosen penalty and every penalty's validation score. */
    public record Selection(double penalty, List<Trial> trials) {
    }

    private static INDArray matrix(float[][] rows, int width, String what) {
        INDArray m = Nd4j.create(DataType.FLOAT, rows.length, width);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException(what + " row " + i + " has " + rows[i].length + " values, expected "
                        + width + " as in row 0");
            }
            m.putRow(i, Nd4j.createFromArray(rows[i]));
        }
        return m;
    }
}

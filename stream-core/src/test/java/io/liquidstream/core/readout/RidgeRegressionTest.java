package io.liquidstream.core.readout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {

    /** y = x W + b with W of 5 inputs x 2 outputs, input-major. */
    private static final float[] W = {1.5f, -2f, 0.5f, 0f, -1f, 3f, 0f, 0.25f, 2f, -0.75f};
    private static final float[] B = {0.3f, -4f};

    @Test
    void givenExactlyLinearData_aTinyPenaltyRecoversTheWeightsAndBias() {
        Data d = data(400, 0.0, 1);

        AffineMap fit = RidgeRegression.of(d.x, d.y).solve(1e-9);

        assertThat(fit.weights()).containsExactly(W, within(1e-3f));
        assertThat(fit.bias()).containsExactly(B, within(1e-3f));
    }

    @Test
    void givenNoisyLinearData_thePenaltyChosenOnValidationRowsRecoversTheWeights() {
        Data fit = data(600, 0.5, 2);
        Data validation = data(200, 0.5, 3);

        RidgeRegression.Selection chosen = RidgeRegression.select(fit.x, fit.y, validation.x, validation.y,
                RidgeRegression.PENALTIES);
        AffineMap map = RidgeRegression.of(fit.x, fit.y).solve(chosen.penalty());

        assertThat(chosen.penalty()).isLessThanOrEqualTo(1e-2);
        assertThat(map.weights()).containsExactly(W, within(0.1f));
        Data test = data(300, 0.5, 4);
        RegressionScore score = RegressionScore.of(map.apply(test.x), test.y);
        assertThat(score.r2()[0]).isGreaterThan(0.9);
        assertThat(score.correlation()[1]).isGreaterThan(0.95);
    }

    @Test
    void givenALargerPenalty_theWeightsShrinkTowardsZeroWhileTheMeanInputStillMapsToTheMeanTarget() {
        Data d = data(400, 0.1, 5);
        RidgeRegression ridge = RidgeRegression.of(d.x, d.y);

        AffineMap loose = ridge.solve(1e-6);
        AffineMap tight = ridge.solve(1e6);

        assertThat(norm(tight.weights())).isLessThan(norm(loose.weights()) / 1000);
        float[] meanX = new float[5];
        float[] meanY = new float[2];
        for (int i = 0; i < d.x.length; i++) {
            for (int j = 0; j < 5; j++) {
                meanX[j] += d.x[i][j] / d.x.length;
            }
            for (int k = 0; k < 2; k++) {
                meanY[k] += d.y[i][k] / d.y.length;
            }
        }
        assertThat(tight.apply(meanX)).containsExactly(meanY, within(1e-3f));
        assertThat(loose.apply(meanX)).containsExactly(meanY, within(1e-3f));
    }

    @Test
    void givenPerfectAndConstantPredictions_scoreIsOneAndZero() {
        float[][] truth = {{1, 2}, {2, 0}, {3, 4}};
        float[][] mean = {{2, 2}, {2, 2}, {2, 2}};

        assertThat(RegressionScore.of(truth, truth).r2()).containsExactly(1.0, 1.0);
        assertThat(RegressionScore.of(mean, truth).r2()).containsExactly(0.0, 0.0);
    }

    private record Data(float[][] x, float[][] y) {
    }

    /** Rows with Gaussian inputs of varied scale and targets y = x W + b + noise. */
    private static Data data(int rows, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[rows][5];
        float[][] y = new float[rows][2];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = (float) ((j + 1) * gaussian(r) + j);
            }
            for (int k = 0; k < 2; k++) {
                double v = B[k] + noise * gaussian(r);
                for (int j = 0; j < 5; j++) {
                    v += x[i][j] * W[j * 2 + k];
                }
                y[i][k] = (float) v;
            }
        }
        return new Data(x, y);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double norm(float[] v) {
        return Math.sqrt(Arrays.stream(toDoubles(v)).map(a -> a * a).sum());
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}

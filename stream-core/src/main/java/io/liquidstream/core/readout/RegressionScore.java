package io.liquidstream.core.readout;

import java.util.Arrays;

/**
 * How well predictions follow continuous targets, per target: the coefficient of determination
 * {@code R² = 1 - SSE / SST} (1 is perfect, 0 is as good as predicting the mean, negative is worse) and
 * Pearson's correlation {@code r}, over all rows pooled.
 */
public record RegressionScore(double[] r2, double[] correlation, int rows) {

    /**
     * @throws IllegalArgumentException if the row counts or widths differ, or there are no rows
     */
    public static RegressionScore of(float[][] predicted, float[][] truth) {
        if (predicted.length != truth.length || truth.length == 0) {
            throw new IllegalArgumentException("expected as many predictions as targets, at least one, found "
                    + predicted.length + " and " + truth.length);
        }
        int q = truth[0].length;
        double[] r2 = new double[q];
        double[] r = new double[q];
        int n = truth.length;
        for (int k = 0; k < q; k++) {
            double sy = 0;
            double sp = 0;
            for (int i = 0; i < n; i++) {
                if (predicted[i].length != q || truth[i].length != q) {
                    throw new IllegalArgumentException("row " + i + " has " + predicted[i].length + " predictions and "
                            + truth[i].length + " targets, expected " + q);
                }
                sy += truth[i][k];
                sp += predicted[i][k];
            }
            double my = sy / n;
            double mp = sp / n;
            double sse = 0;
            double sst = 0;
            double spp = 0;
            double spy = 0;
            for (int i = 0; i < n; i++) {
                double y = truth[i][k] - my;
                double p = predicted[i][k] - mp;
                double e = predicted[i][k] - truth[i][k];
                sse += e * e;
                sst += y * y;
                spp += p * p;
                spy += p * y;
            }
            r2[k] = 1 - sse / sst;
            r[k] = spy / Math.sqrt(spp * sst);
        }
        return new RegressionScore(r2, r, n);
    }

    public double meanR2() {
        return Arrays.stream(r2).average().orElse(Double.NaN);
    }
}

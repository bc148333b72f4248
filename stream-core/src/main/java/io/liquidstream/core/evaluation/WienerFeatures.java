package io.liquidstream.core.evaluation;

import io.liquidstream.core.binning.InputSpec;

/**
 * The Wiener filter's input, the standard linear BMI decoder's: each channel's spike count in each of the
 * latest {@code lags} groups of {@code binsPerLag} bins ({@code lags × channels} values, latest group
 * first), a linear regression from which ({@link io.liquidstream.core.readout.RidgeRegression}) is the
 * filter. Groups before the trial's start count as silent.
 */
public record WienerFeatures(int lags, int binsPerLag) {

    public WienerFeatures {
        if (lags <= 0 || binsPerLag <= 0) {
            throw new IllegalArgumentException("lags and bins per lag must be positive, found " + lags + " and "
                    + binsPerLag);
        }
    }

    /** {@code features[bin]} for every bin of the trial. */
    public float[][] of(DecodingTrial trial, InputSpec input) {
        int[][] counts = trial.counts(input);
        int channels = input.inputs();
        float[][] out = new float[counts.length][lags * channels];
        for (int b = 0; b < counts.length; b++) {
            for (int lag = 0; lag < lags; lag++) {
                for (int k = 0; k < binsPerLag; k++) {
                    int source = b - lag * binsPerLag - k;
                    if (source >= 0) {
                        int[] row = counts[source];
                        for (int c = 0; c < channels; c++) {
                            out[b][lag * channels + c] += row[c];
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return lags + " lags x " + binsPerLag + " bins";
    }
}

package io.liquidstream.core.evaluation;

import java.util.Objects;

/** Reservoir features of one modality for both splits, with their class labels. */
public record ModalityFeatures(String modality, float[][] train, int[] trainLabels, float[][] test, int[] testLabels) {

    public ModalityFeatures {
        Objects.requireNonNull(modality, "modality");
        if (train.length != trainLabels.length || test.length != testLabels.length) {
            throw new IllegalArgumentException(modality + ": need one label per row, found " + train.length + "/"
                    + trainLabels.length + " train and " + test.length + "/" + testLabels.length + " test");
        }
    }

    public int dimension() {
        return train.length > 0 ? train[0].length : test.length > 0 ? test[0].length : 0;
    }
}

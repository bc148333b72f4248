package io.liquidstream.core.projection;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A contrastive objective over a batch of paired embeddings: row {@code i} of {@code a} pairs with row
 * {@code i} of {@code b}. Implementations compute in the data type of {@code a}, so double-precision
 * arrays give double-precision gradients.
 */
public interface ContrastiveLoss {

    /**
     * @param a embeddings of the first modality {@code [B, d]}, L2-normalised
     * @param b embeddings of the second modality {@code [B, d]}, L2-normalised
     * @param labels class of each pair, or {@code null} where the loss does not use classes
     * @param logitScale {@code s = 1/τ}, multiplying the similarities into logits
     * @return the batch loss and its gradients
     */
    Result compute(INDArray a, INDArray b, int[] labels, double logitScale);

    /**
     * @param loss the batch loss
     * @param gradA {@code dLoss/da}
     * @param gradB {@code dLoss/db}
     * @param gradLogitScale {@code dLoss/ds} (multiply by {@code s} for the gradient with respect to {@code log s})
     */
    record Result(double loss, INDArray gradA, INDArray gradB, double gradLogitScale) {
    }
}

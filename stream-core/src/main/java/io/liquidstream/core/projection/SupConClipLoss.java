package io.liquidstream.core.projection;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Supervised-contrastive CLIP: logits {@code s · a bᵀ}; every pair {@code (a_i, b_j)} of the same label
 * is a positive, and the target of each row (and each column) is uniform over its positives. The loss
 * is the mean of both directions. With all labels distinct it equals {@link ClipLoss}.
 */
public final class SupConClipLoss implements ContrastiveLoss {

    @Override
    public Result compute(INDArray a, INDArray b, int[] labels, double logitScale) {
        INDArray similarity = SymmetricCrossEntropy.similarity(a, b, logitScale, "supervised-contrastive loss");
        int n = (int) a.size(0);
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException("supervised-contrastive loss: expected " + n + " labels, found "
                    + (labels == null ? "none" : String.valueOf(labels.length)));
        }
        double[] same = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                same[i * n + j] = labels[i] == labels[j] ? 1.0 : 0.0;
            }
        }
        INDArray positives = Nd4j.create(same, new long[] {n, n}, a.dataType());
        // every row and column holds at least its own pair, so the sums are never zero
        INDArray rowTargets = positives.divColumnVector(positives.sum(true, 1));
        INDArray colTargets = positives.diviRowVector(positives.sum(true, 0));
        SymmetricCrossEntropy.Terms terms = SymmetricCrossEntropy.of(similarity.mul(logitScale), rowTargets, colTargets);
        INDArray[] g = SymmetricCrossEntropy.backThroughSimilarity(terms.gradLogits(), a, b, logitScale);
        return new Result(terms.loss(), g[0], g[1], SymmetricCrossEntropy.sumOfProducts(terms.gradLogits(), similarity));
    }
}

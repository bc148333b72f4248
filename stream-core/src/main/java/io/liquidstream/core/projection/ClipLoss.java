package io.liquidstream.core.projection;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CLIP's loss: logits {@code s · a bᵀ}, cross-entropy with the partner on the diagonal as the hard
 * target, averaged over both directions (a→b over rows, b→a over columns). Labels are ignored, so
 * same-class pairs elsewhere in the batch count as negatives.
 */
public final class ClipLoss implements ContrastiveLoss {

    @Override
    public Result compute(INDArray a, INDArray b, int[] labels, double logitScale) {
        INDArray similarity = SymmetricCrossEntropy.similarity(a, b, logitScale, "CLIP loss");
        INDArray targets = Nd4j.eye(a.size(0)).castTo(a.dataType());
        SymmetricCrossEntropy.Terms terms = SymmetricCrossEntropy.of(similarity.mul(logitScale), targets, targets);
        INDArray[] g = SymmetricCrossEntropy.backThroughSimilarity(terms.gradLogits(), a, b, logitScale);
        return new Result(terms.loss(), g[0], g[1], SymmetricCrossEntropy.sumOfProducts(terms.gradLogits(), similarity));
    }
}

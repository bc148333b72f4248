package io.liquidstream.core.projection;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The seed's published loss, a popular CLIP tutorial's soft-target variant, kept to show that it
 * collapses: logits {@code a bᵀ / τ}, targets {@code softmax_rows((a aᵀ + b bᵀ)/2 · τ)}, loss the mean of
 * the row-wise cross-entropy and the column-wise one against the transposed targets. The seed uses
 * {@code τ = 1} (logit scale 1) on unnormalised embeddings (see {@link ProjectionHead#create(int, int[],
 * int, Activation, long, org.nd4j.linalg.api.buffer.DataType, boolean)}).
 *
 * <p>The tutorial does not detach the targets, so the gradient also flows through them, as autograd
 * computes it there.
 */
public final class SeedSoftTargetLoss implements ContrastiveLoss {

    @Override
    public Result compute(INDArray a, INDArray b, int[] labels, double logitScale) {
        INDArray similarity = SymmetricCrossEntropy.similarity(a, b, logitScale, "seed soft-target loss");
        INDArray bt = b.dataType() == a.dataType() ? b : b.castTo(a.dataType());
        long n = a.size(0);
        // (a aᵀ + b bᵀ)/2 · τ with τ = 1/s
        INDArray withinModality = a.mmul(a.transpose()).addi(bt.mmul(bt.transpose())).divi(2.0 * logitScale);
        INDArray targets = Transforms.softmax(withinModality, true);
        SymmetricCrossEntropy.Terms terms = SymmetricCrossEntropy.of(similarity.mul(logitScale), targets, targets);
        INDArray[] g = SymmetricCrossEntropy.backThroughSimilarity(terms.gradLogits(), a, bt, logitScale);
        INDArray gradTargets = terms.logSoftmaxRows().add(terms.logSoftmaxCols()).divi(-2.0 * n);
        // back through the row softmax: T ∘ (G - Σ_row G∘T)
        INDArray gradWithin = gradTargets.subColumnVector(gradTargets.mul(targets).sum(true, 1)).muli(targets);
        INDArray symmetric = gradWithin.add(gradWithin.transpose()).divi(2.0 * logitScale);
        g[0].addi(symmetric.mmul(a));
        g[1].addi(symmetric.mmul(bt));
        double gradScale = SymmetricCrossEntropy.sumOfProducts(terms.gradLogits(), similarity)
                - SymmetricCrossEntropy.sumOfProducts(gradWithin, withinModality) / logitScale;
        return new Result(terms.loss(), g[0], g[1], gradScale);
    }
}

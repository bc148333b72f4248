package io.liquidstream.core.projection;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The symmetric cross-entropy shared by the contrastive losses: on a square logit matrix {@code L},
 * {@code -(Σ R∘logsoftmax_rows(L) + Σ C∘logsoftmax_cols(L)) / 2B} for row targets {@code R} and column
 * targets {@code C}, i.e. the mean of the per-row and per-column cross-entropies.
 */
final class SymmetricCrossEntropy {

    /**
     * @param gradLogits {@code dLoss/dL} with the targets held fixed
     * @param logSoftmaxRows log-softmax of each row, needed for gradients through the row targets
     * @param logSoftmaxCols log-softmax of each column
     */
    record Terms(double loss, INDArray gradLogits, INDArray logSoftmaxRows, INDArray logSoftmaxCols) {
    }

    private SymmetricCrossEntropy() {
    }

    static Terms of(INDArray logits, INDArray rowTargets, INDArray colTargets) {
        long n = logits.size(0);
        INDArray lsr = logSoftmax(logits, 1);
        INDArray lsc = logSoftmax(logits, 0);
        double loss = -(sumOfProducts(rowTargets, lsr) + sumOfProducts(colTargets, lsc)) / (2.0 * n);
        // d/dL of -Σ T∘logsoftmax = softmax · (target mass of that row/column) - T
        INDArray grad = Transforms.exp(lsr, true).muliColumnVector(rowTargets.sum(true, 1)).subi(rowTargets);
        grad.addi(Transforms.exp(lsc, true).muliRowVector(colTargets.sum(true, 0)).subi(colTargets));
        return new Terms(loss, grad.divi(2.0 * n), lsr, lsc);
    }

    /**
     * Gradients of a loss on {@code logits = s · a bᵀ} given {@code dLoss/dlogits}.
     *
     * @return {@code [dLoss/da, dLoss/db]}; {@code dLoss/ds} is {@code sumOfProducts(gradLogits, similarity)}
     */
    static INDArray[] backThroughSimilarity(INDArray gradLogits, INDArray a, INDArray b, double logitScale) {
        INDArray gradA = gradLogits.mmul(b).muli(logitScale);
        INDArray gradB = gradLogits.transpose().mmul(a).muli(logitScale);
        return new INDArray[] {gradA, gradB};
    }

    /** {@code Σ x∘y} as one BLAS dot: ND4J's full reductions cost milliseconds on 100×100 arrays. */
    static double sumOfProducts(INDArray x, INDArray y) {
        return Nd4j.getBlasWrapper().dot(x.reshape('c', new long[] {x.length()}), y.reshape('c', new long[] {y.length()}));
    }

    /** Validates a batch pair and returns {@code a bᵀ}. */
    static INDArray similarity(INDArray a, INDArray b, double logitScale, String where) {
        if (a.rank() != 2 || !Arrays.equals(a.shape(), b.shape()) || a.size(0) == 0) {
            throw new IllegalArgumentException(where + ": expected two non-empty [B, d] batches of equal shape, found "
                    + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
        }
        if (!(logitScale > 0) || Double.isInfinite(logitScale)) {
            throw new IllegalArgumentException(where + ": logit scale must be positive and finite, found " + logitScale);
        }
        INDArray bt = b.dataType() == a.dataType() ? b : b.castTo(a.dataType());
        return a.mmul(bt.transpose());
    }

    private static INDArray logSoftmax(INDArray x, int dim) {
        INDArray shifted = dim == 1 ? x.subColumnVector(x.max(true, 1)) : x.subRowVector(x.max(true, 0));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, dim), false);
        return dim == 1 ? shifted.subiColumnVector(logSum) : shifted.subiRowVector(logSum);
    }
}

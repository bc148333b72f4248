package io.liquidstream.core.readout;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam, or AdamW when {@code weightDecay > 0} (decoupled decay, as PyTorch's {@code AdamW}), updating
 * ND4J parameter arrays in place.
 *
 * <p>Defaults follow PyTorch ({@code beta1 = 0.9, beta2 = 0.999, eps = 1e-8}) so that the seed's
 * learning rates carry over unchanged.
 */
public final class AdamOptimizer {

    private final double learningRate;
    private final double weightDecay;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double epsilon = 1e-8;
    private final List<INDArray> params = new ArrayList<>();
    private final List<INDArray> firstMoments = new ArrayList<>();
    private final List<INDArray> secondMoments = new ArrayList<>();
    private long step;

    /** Plain Adam. */
    public static AdamOptimizer adam(double learningRate) {
        return new AdamOptimizer(learningRate, 0.0);
    }

    /** AdamW with decoupled weight decay. */
    public static AdamOptimizer adamW(double learningRate, double weightDecay) {
        return new AdamOptimizer(learningRate, weightDecay);
    }

    private AdamOptimizer(double learningRate, double weightDecay) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, found " + learningRate);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must not be negative, found " + weightDecay);
        }
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    /** Registers a parameter array; gradients are later passed in the same order. */
    public AdamOptimizer register(INDArray param) {
        params.add(param);
        firstMoments.add(Nd4j.zerosLike(param));
        secondMoments.add(Nd4j.zerosLike(param));
        return this;
    }

    /** One update step; {@code gradients} line up with the registered parameters. */
    public void step(List<INDArray> gradients) {
        if (gradients.size() != params.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " gradients, found " + gradients.size());
        }
        step++;
        double bias1 = 1 - Math.pow(beta1, step);
        double bias2 = 1 - Math.pow(beta2, step);
        double stepSize = learningRate * Math.sqrt(bias2) / bias1;
        for (int i = 0; i < params.size(); i++) {
            INDArray p = params.get(i);
            INDArray g = gradients.get(i);
            INDArray m = firstMoments.get(i).muli(beta1).addi(g.mul(1 - beta1));
            INDArray v = secondMoments.get(i).muli(beta2).addi(g.mul(g).muli(1 - beta2));
            if (weightDecay > 0) {
                p.muli(1 - learningRate * weightDecay);
            }
            // PyTorch places eps after the bias correction of v; folding the corrections into the step
            // size keeps that within a factor sqrt(bias2) on eps, which is immaterial at eps = 1e-8.
            p.subi(m.div(Transforms.sqrt(v, true).addi(epsilon)).muli(stepSize));
        }
    }

    public long steps() {
        return step;
    }
}

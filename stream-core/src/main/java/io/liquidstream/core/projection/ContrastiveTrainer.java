package io.liquidstream.core.projection;

import io.liquidstream.core.readout.AdamOptimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains two projection heads contrastively on paired features with Adam/AdamW and mini-batches.
 *
 * <p>A learnable temperature is parameterised as {@code log s} with {@code s = 1/τ}, as in CLIP: it
 * starts at {@code log(1/τ)}, is updated by the same optimiser as the heads, and is clamped to
 * {@code [0, log 100]} after every step (open_clip's clamp), so {@code 0.01 ≤ τ ≤ 1}.
 */
public final class ContrastiveTrainer {

    private static final double MAX_LOG_SCALE = Math.log(100.0);

    /** Which objective to optimise. */
    public enum LossKind {
        /** Hard-target CLIP ({@link ClipLoss}). */
        CLIP,
        /** Supervised-contrastive CLIP ({@link SupConClipLoss}); needs labels. */
        SUPCON,
        /** The seed's soft-target loss ({@link SeedSoftTargetLoss}), run it with temperature 1. */
        SEED_SOFT;

        ContrastiveLoss loss() {
            return switch (this) {
                case CLIP -> new ClipLoss();
                case SUPCON -> new SupConClipLoss();
                case SEED_SOFT -> new SeedSoftTargetLoss();
            };
        }
    }

    /**
     * Training settings.
     *
     * @param epochs passes over the pairs; the final epoch is returned, never the best one
     * @param batchSize pairs per step; the batch is also the set of negatives
     * @param learningRate Adam/AdamW step size
     * @param weightDecay decoupled weight decay (AdamW) of the head parameters; {@code 0} means plain Adam
     * @param temperature {@code τ}, or its initial value when learnable (0.07–0.1 for CLIP, 1 for the seed's loss)
     * @param learnableTemperature whether {@code log(1/τ)} is trained with the heads
     * @param loss the objective
     * @param seed shuffling seed
     */
    public record Config(int epochs, int batchSize, double learningRate, double weightDecay, double temperature,
            boolean learnableTemperature, LossKind loss, long seed) {

        public Config {
            if (epochs <= 0 || batchSize <= 0) {
                throw new IllegalArgumentException("epochs and batch size must be positive, found " + epochs + ", "
                        + batchSize);
            }
            if (!(learningRate > 0) || weightDecay < 0) {
                throw new IllegalArgumentException("need learning rate > 0 and weight decay >= 0, found " + learningRate
                        + ", " + weightDecay);
            }
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("temperature must be positive and finite, found " + temperature);
            }
            if (loss == null) {
                throw new IllegalArgumentException("a loss kind is required");
            }
        }

        /** CLIP, learnable temperature from 0.1, AdamW lr 1e-3 decay 0.01, batch 128, 50 epochs, seed 42. */
        public static Config defaults() {
            return new Config(50, 128, 1e-3, 0.01, 0.1, true, LossKind.CLIP, 42);
        }

        public Config withEpochs(int e) {
            return new Config(e, batchSize, learningRate, weightDecay, temperature, learnableTemperature, loss, seed);
        }

        public Config withLoss(LossKind kind, double tau, boolean learnable) {
            return new Config(epochs, batchSize, learningRate, weightDecay, tau, learnable, kind, seed);
        }

        public Config withSeed(long s) {
            return new Config(epochs, batchSize, learningRate, weightDecay, temperature, learnableTemperature, loss, s);
        }
    }

    /** Receives the mean training loss and the temperature after every epoch. */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(int epoch, int epochs, double meanLoss, double temperature);
    }

    /**
     * @param headA the trained first head
     * @param headB the trained second head
     * @param temperature the final {@code τ}
     * @param epochLosses the mean loss of every epoch
     */
    public record Result(ProjectionHead headA, ProjectionHead headB, double temperature, double[] epochLosses) {
    }

    private ContrastiveTrainer() {
    }

    /**
     * Trains copies of two heads on paired features: row {@code i} of {@code a} pairs with row {@code i}
     * of {@code b}. The pairs are reshuffled every epoch; the given heads are left unchanged.
     *
     * @param labels class of each pair; required for {@link LossKind#SUPCON}, otherwise may be null
     * @param listener may be null
     */
    public static Result train(float[][] a, float[][] b, int[] labels, ProjectionHead headA, ProjectionHead headB,
            Config cfg, EpochListener listener) {
        int n = a.length;
        if (n == 0 || b.length != n) {
            throw new IllegalArgumentException("need equally many paired rows, at least one, found " + n + " and "
                    + b.length);
        }
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException("expected one label per pair (" + n + "), found " + labels.length);
        }
        if (cfg.loss() == LossKind.SUPCON && labels == null) {
            throw new IllegalArgumentException("supervised-contrastive training needs labels, found none");
        }
        if (headA.outputDim() != headB.outputDim()) {
            throw new IllegalArgumentException("heads must share the embedding dimension, found " + headA.outputDim()
                    + " and " + headB.outputDim());
        }
        if (headA.dataType() != headB.dataType()) {
            throw new IllegalArgumentException("heads must share the data type, found " + headA.dataType() + " and "
                    + headB.dataType());
        }
        DataType dtype = headA.dataType();
        checkWidths(a, headA.inputDim(), "first modality");
        checkWidths(b, headB.inputDim(), "second modality");
        ProjectionHead trainedA = headA.copy();
        ProjectionHead trainedB = headB.copy();
        ContrastiveLoss loss = cfg.loss().loss();

        // decay applies to the heads only: decaying log s would pull τ towards 1
        AdamOptimizer headOptimizer = cfg.weightDecay() > 0
                ? AdamOptimizer.adamW(cfg.learningRate(), cfg.weightDecay())
                : AdamOptimizer.adam(cfg.learningRate());
        trainedA.params().forEach(headOptimizer::register);
        trainedB.params().forEach(headOptimizer::register);
        INDArray logScale = Nd4j.valueArrayOf(new long[] {1, 1}, Math.log(1.0 / cfg.temperature()), dtype);
        AdamOptimizer scaleOptimizer = AdamOptimizer.adam(cfg.learningRate()).register(logScale);

        SplittableRandom rng = new SplittableRandom(cfg.seed());
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        double[] epochLosses = new double[cfg.epochs()];
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            shuffle(order, rng);
            double lossSum = 0;
            for (int from = 0; from < n; from += cfg.batchSize()) {
                int to = Math.min(n, from + cfg.batchSize());
                int[] rows = Arrays.copyOfRange(order, from, to);
                double scale = Math.exp(logScale.getDouble(0));
                ProjectionHead.Forward fa = trainedA.forwardWithCache(gather(a, rows, dtype));
                ProjectionHead.Forward fb = trainedB.forwardWithCache(gather(b, rows, dtype));
                ContrastiveLoss.Result r = loss.compute(fa.output(), fb.output(), batchLabels(labels, rows), scale);
                lossSum += r.loss() * rows.length;
                List<INDArray> grads = new ArrayList<>(trainedA.backward(fa, r.gradA()));
                grads.addAll(trainedB.backward(fb, r.gradB()));
                headOptimizer.step(grads);
                if (cfg.learnableTemperature()) {
                    // d/dlog s = s · d/ds
                    scaleOptimizer.step(List.of(Nd4j.valueArrayOf(new long[] {1, 1}, r.gradLogitScale() * scale, dtype)));
                    logScale.putScalar(0, Math.min(MAX_LOG_SCALE, Math.max(0.0, logScale.getDouble(0))));
                }
            }
            epochLosses[epoch] = lossSum / n;
            if (listener != null) {
                listener.onEpoch(epoch + 1, cfg.epochs(), epochLosses[epoch], Math.exp(-logScale.getDouble(0)));
            }
        }
        return new Result(trainedA, trainedB, Math.exp(-logScale.getDouble(0)), epochLosses);
    }

    private static void checkWidths(float[][] rows, int dim, String what) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dim) {
                throw new IllegalArgumentException(what + ": row " + i + " has " + rows[i].length
                        + " features, the head expects " + dim);
            }
        }
    }

    /** The batch's rows in one copy; ND4J's getRows costs milliseconds per call. */
    private static INDArray gather(float[][] rows, int[] picked, DataType dtype) {
        int dim = rows[0].length;
        float[] batch = new float[picked.length * dim];
        for (int i = 0; i < picked.length; i++) {
            System.arraycopy(rows[picked[i]], 0, batch, i * dim, dim);
        }
        INDArray x = Nd4j.create(batch, new long[] {picked.length, dim}, 'c');
        return x.dataType() == dtype ? x : x.castTo(dtype);
    }

    private static int[] batchLabels(int[] labels, int[] rows) {
        if (labels == null) {
            return null;
        }
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

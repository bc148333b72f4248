package io.liquidstream.core.readout;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A linear probe: softmax regression from reservoir features to classes, trained with Adam/AdamW on
 * mini-batches (cross-entropy loss) with ND4J.
 *
 * <p>This is the seed's supervised read-out ({@code nn.Linear} on firing rates): no hidden layer, no
 * feature scaling, so the accuracy measures what the fixed reservoir itself separates.
 */
public final class SoftmaxProbe {

    /** Receives the mean training loss after every epoch. */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(int epoch, int epochs, double meanLoss);
    }

    private final INDArray weights; // [features, classes]
    private final INDArray bias;    // [1, classes]

    private SoftmaxProbe(INDArray weights, INDArray bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Trains a probe.
     *
     * @param features one row per sample
     * @param labels class of each row, in {@code [0, classes)}
     */
    public static SoftmaxProbe train(float[][] features, int[] labels, int classes, ProbeConfig config,
            EpochListener listener) {
        int n = features.length;
        if (n == 0 || labels.length != n) {
            throw new IllegalArgumentException("need one label per sample and at least one sample, found "
                    + n + " samples and " + labels.length + " labels");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " outside [0, " + classes + ")");
            }
        }
        int dim = features[0].length;

        // PyTorch nn.Linear initialisation: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and bias.
        SplittableRandom rng = new SplittableRandom(config.seed());
        double bound = 1.0 / Math.sqrt(dim);
        INDArray w = uniform(rng, dim, classes, bound);
        INDArray b = uniform(rng, 1, classes, bound);
        AdamOptimizer optimizer = config.weightDecay() > 0
                ? AdamOptimizer.adamW(config.learningRate(), config.weightDecay())
                : AdamOptimizer.adam(config.learningRate());
        optimizer.register(w).register(b);

        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[][] shuffledX = new float[n][];
        int[] shuffledY = new int[n];
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            shuffle(order, rng);
            // One copy per epoch in shuffled order, then contiguous views per batch: ND4J's row
            // gather costs far more per batch than this copy does per epoch.
            for (int i = 0; i < n; i++) {
                shuffledX[i] = features[order[i]];
                shuffledY[i] = labels[order[i]];
            }
            INDArray x = Nd4j.createFromArray(shuffledX);
            INDArray y = oneHot(shuffledY, classes);
            double lossSum = 0;
            for (int from = 0; from < n; from += config.batchSize()) {
                int to = Math.min(n, from + config.batchSize());
                INDArray xb = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                INDArray yb = y.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                INDArray probs = Transforms.softmax(xb.mmul(w).addiRowVector(b), false);
                lossSum += crossEntropy(probs, yb) * (to - from);
                INDArray delta = probs.subi(yb).divi(to - from);
                INDArray gw = xb.transpose().mmul(delta);
                INDArray gb = delta.sum(true, 0);
                optimizer.step(List.of(gw, gb));
            }
            if (listener != null) {
                listener.onEpoch(epoch, config.epochs(), lossSum / n);
            }
        }
        return new SoftmaxProbe(w, b);
    }

    /** Predicted class of every row. */
    public int[] predict(float[][] features) {
        INDArray logits = Nd4j.createFromArray(features).castTo(DataType.FLOAT).mmul(weights).addiRowVector(bias);
        INDArray argmax = logits.argMax(1);
        int[] out = new int[features.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = argmax.getInt(i);
        }
        return out;
    }

    /** Fraction of rows whose predicted class equals the label. */
    public double accuracy(float[][] features, int[] labels) {
        int[] predicted = predict(features);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return labels.length == 0 ? 0 : (double) correct / labels.length;
    }

    public int classes() {
        return (int) weights.size(1);
    }

    public int features() {
        return (int) weights.size(0);
    }

    private static double crossEntropy(INDArray probs, INDArray oneHot) {
        INDArray picked = probs.mul(oneHot).sum(1);
        return -Transforms.log(Transforms.max(picked, 1e-12, false), false).meanNumber().doubleValue();
    }

    private static INDArray oneHot(int[] labels, int classes) {
        float[][] y = new float[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            y[i][labels[i]] = 1f;
        }
        return Nd4j.createFromArray(y);
    }

    private static INDArray uniform(SplittableRandom rng, int rows, int cols, double bound) {
        float[][] a = new float[rows][cols];
        for (float[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            }
        }
        return Nd4j.createFromArray(a);
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

package io.liquidstream.core.readout;

/**
 * Training settings of a {@link SoftmaxProbe}.
 *
 * @param epochs passes over the training set; the probe reports the final epoch, never the best one
 * @param batchSize samples per gradient step
 * @param learningRate Adam/AdamW step size
 * @param weightDecay decoupled weight decay; {@code 0} means plain Adam
 * @param seed shuffling and initialisation seed
 */
public record ProbeConfig(int epochs, int batchSize, double learningRate, double weightDecay, long seed) {

    public ProbeConfig {
        if (epochs <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("epochs and batch size must be positive, found " + epochs + ", " + batchSize);
        }
    }

    /** The seed's vision probe: Adam, lr 1e-4, batch 100, 100 epochs. */
    public static ProbeConfig visionSeed() {
        return new ProbeConfig(100, 100, 1e-4, 0.0, 42);
    }

    /** The seed's audio probe: AdamW (PyTorch default decay 0.01), lr 6e-4, batch 256, 100 epochs. */
    public static ProbeConfig audioSeed() {
        return new ProbeConfig(100, 256, 6e-4, 0.01, 42);
    }

    public ProbeConfig withEpochs(int e) {
        return new ProbeConfig(e, batchSize, learningRate, weightDecay, seed);
    }

    public ProbeConfig withBatchSize(int b) {
        return new ProbeConfig(epochs, b, learningRate, weightDecay, seed);
    }

    public ProbeConfig withLearningRate(double lr) {
        return new ProbeConfig(epochs, batchSize, lr, weightDecay, seed);
    }

    public ProbeConfig withSeed(long s) {
        return new ProbeConfig(epochs, batchSize, learningRate, weightDecay, s);
    }
}

package io.liquidstream.core.readout;

/**
 * Training settings of a {@link SoftmaxProbe}. The seed's, per data set, are in
 * {@code io.liquidstream.core.evaluation.SeedProtocols}.
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

    /** {@code Adam} or {@code AdamW}: the optimiser these settings train with. */
    public String optimiser() {
        return weightDecay > 0 ? "AdamW" : "Adam";
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

package io.liquidstream.core.evaluation;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.projection.FeatureStandardiser;
import io.liquidstream.core.readout.FeatureExtractor;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.readout.SoftmaxProbe;
import io.liquidstream.core.reservoir.ReservoirBank;
import io.liquidstream.core.reservoir.ReservoirSpec;
import io.liquidstream.core.reservoir.WeightSource;
import java.util.List;

/**
 * The linear-probe protocol: encode both splits with the fixed reservoir(s) as the {@link Readout} says,
 * train a softmax read-out on one, test on the other (final epoch). Standardisation is fitted on the
 * training rows only.
 */
public final class LinearProbeRun {

    /** What one run measured; accuracies in percent, final epoch. */
    public record Outcome(double testAccuracy, double trainAccuracy, double meanFiringRate, int trainSamples,
            int testSamples, int classes, ProbeConfig config) {}

    private final InputSpec input;
    private final ReservoirBank reservoirs;
    private final Readout readout;
    private final int threads;
    private final PhaseProgress progress;

    /** The seed's read-out: one reservoir's whole-window firing rates. */
    public LinearProbeRun(InputSpec input, ReservoirSpec spec, WeightSource weights, int threads,
            PhaseProgress progress) {
        this(input, spec, weights, Readout.SEED, threads, progress);
    }

    public LinearProbeRun(InputSpec input, ReservoirSpec spec, WeightSource weights, Readout readout, int threads,
            PhaseProgress progress) {
        this.input = input;
        this.reservoirs = ReservoirBank.of(spec, weights, readout.reservoirs());
        this.readout = readout;
        this.threads = threads;
        this.progress = progress;
    }

    /**
     * Encodes both splits, trains the probe on {@code train} and scores it on both.
     *
     * @throws IllegalArgumentException if either split is empty
     */
    public Outcome run(List<LabeledSample> train, List<LabeledSample> test, int classes, ProbeConfig config) {
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("need training and test samples, found " + train.size() + " and " + test.size());
        }
        FeatureExtractor extractor = new FeatureExtractor(input, reservoirs, threads, readout.segments());
        float[][] trainX;
        float[][] testX;
        try (PhaseProgress.Phase p = progress.start("encoding train", train.size())) {
            trainX = extractor.extract(train, p::update);
        }
        try (PhaseProgress.Phase p = progress.start("encoding test", test.size())) {
            testX = extractor.extract(test, p::update);
        }
        double meanRate = meanRate(testX);
        if (readout.standardise()) {
            FeatureStandardiser standardiser = FeatureStandardiser.fit(trainX, FeatureStandardiser.DEFAULT_FLOOR);
            trainX = standardiser.apply(trainX);
            testX = standardiser.apply(testX);
        }
        int[] trainY = FeatureExtractor.labels(train);
        int[] testY = FeatureExtractor.labels(test);
        SoftmaxProbe probe;
        try (PhaseProgress.Phase p = progress.start("training probe", config.epochs())) {
            probe = SoftmaxProbe.train(trainX, trainY, classes, config,
                    (epoch, total, loss) -> p.update(epoch, String.format("loss %.4f", loss)));
        }
        return new Outcome(100 * probe.accuracy(testX, testY), 100 * probe.accuracy(trainX, trainY), meanRate,
                train.size(), test.size(), classes, config);
    }

    /** Mean of every feature of every row: the mean firing rate for whole-window rates. */
    public static double meanRate(float[][] features) {
        double sum = 0;
        long n = 0;
        for (float[] row : features) {
            for (float v : row) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}

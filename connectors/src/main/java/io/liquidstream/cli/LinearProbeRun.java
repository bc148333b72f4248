package io.liquidstream.cli;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.readout.FeatureExtractor;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.readout.SoftmaxProbe;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirSpec;
import java.util.List;
import java.util.function.BiFunction;

/** The linear-probe protocol: encode both splits with one fixed reservoir, train on one, test on the other. */
final class LinearProbeRun {

    /** What one run measured; accuracies in percent, final epoch. */
    record Outcome(double testAccuracy, double trainAccuracy, double meanFiringRate, int trainSamples,
            int testSamples, int classes, ProbeConfig config) {}

    private final InputSpec input;
    private final LifReservoir reservoir;
    private final int threads;
    private final BiFunction<String, Long, Progress> progress;

    LinearProbeRun(InputSpec input, ReservoirSpec spec, DeviceKind device, int threads,
            BiFunction<String, Long, Progress> progress) {
        this.input = input;
        this.reservoir = new LifReservoir(spec, device.weights());
        this.threads = threads;
        this.progress = progress;
    }

    Outcome run(List<LabeledSample> train, List<LabeledSample> test, int classes, ProbeConfig config) {
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("need training and test samples, found " + train.size() + " and " + test.size());
        }
        FeatureExtractor extractor = new FeatureExtractor(input, reservoir, threads);
        float[][] trainX;
        float[][] testX;
        try (Progress p = progress.apply("encoding train", (long) train.size())) {
            trainX = extractor.extract(train, p::update);
        }
        try (Progress p = progress.apply("encoding test", (long) test.size())) {
            testX = extractor.extract(test, p::update);
        }
        int[] trainY = FeatureExtractor.labels(train);
        int[] testY = FeatureExtractor.labels(test);
        SoftmaxProbe probe;
        try (Progress p = progress.apply("training probe", (long) config.epochs())) {
            probe = SoftmaxProbe.train(trainX, trainY, classes, config,
                    (epoch, total, loss) -> p.update(epoch, String.format("loss %.4f", loss)));
        }
        return new Outcome(100 * probe.accuracy(testX, testY), 100 * probe.accuracy(trainX, trainY), meanRate(testX),
                train.size(), test.size(), classes, config);
    }

    static double meanRate(float[][] features) {
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

package io.liquidstream.core.evaluation;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.readout.FeatureExtractor;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.readout.SoftmaxProbe;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.WeightSource;
import java.util.List;

/**
 * The linear-probe protocol as a {@link DeviceSweep.Metric}: encode both splits with the preset's reservoir
 * (seeded) over the given weights, train a softmax read-out on the training split, report final-epoch test
 * accuracy in percent.
 */
public final class LinearProbeMetric implements DeviceSweep.Metric {

    private final InputSpec input;
    private final ReservoirPreset reservoir;
    private final List<LabeledSample> train;
    private final List<LabeledSample> test;
    private final int classes;
    private final ProbeConfig config;
    private final int threads;

    public LinearProbeMetric(InputSpec input, ReservoirPreset reservoir, List<LabeledSample> train,
            List<LabeledSample> test, int classes, ProbeConfig config, int threads) {
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("need training and test samples, found " + train.size() + " and "
                    + test.size());
        }
        this.input = input;
        this.reservoir = reservoir;
        this.train = List.copyOf(train);
        this.test = List.copyOf(test);
        this.classes = classes;
        this.config = config;
        this.threads = threads;
    }

    /** The seed's protocol: its input, reservoir and training settings. */
    public static LinearProbeMetric of(SeedProtocols.LinearProbe protocol, List<LabeledSample> train,
            List<LabeledSample> test, int classes, int threads) {
        return new LinearProbeMetric(protocol.input(), protocol.reservoir(), train, test, classes, protocol.training(),
                threads);
    }

    public ProbeConfig config() {
        return config;
    }

    @Override
    public double accuracy(WeightSource weights, long seed) {
        FeatureExtractor extractor = new FeatureExtractor(input, new LifReservoir(reservoir.spec(seed), weights), threads);
        float[][] trainX = extractor.extract(train, done -> { });
        float[][] testX = extractor.extract(test, done -> { });
        SoftmaxProbe probe = SoftmaxProbe.train(trainX, FeatureExtractor.labels(train), classes, config.withSeed(seed),
                (epoch, total, loss) -> { });
        return 100 * probe.accuracy(testX, FeatureExtractor.labels(test));
    }
}

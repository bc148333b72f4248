package io.liquidstream.core.evaluation;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.WeightSource;
import java.util.List;

/**
 * The linear-probe protocol ({@link LinearProbeRun}) as a {@link DeviceSweep.Metric}: encode both splits
 * with the preset's reservoir (seeded) over the given weights, read out as the {@link Readout} says, train a
 * softmax read-out on the training split, report final-epoch test accuracy in percent.
 */
public final class LinearProbeMetric implements DeviceSweep.Metric {

    private final InputSpec input;
    private final ReservoirPreset reservoir;
    private final List<LabeledSample> train;
    private final List<LabeledSample> test;
    private final int classes;
    private final ProbeConfig config;
    private final int threads;
    private final Readout readout;

    /** The seed's read-out. */
    public LinearProbeMetric(InputSpec input, ReservoirPreset reservoir, List<LabeledSample> train,
            List<LabeledSample> test, int classes, ProbeConfig config, int threads) {
        this(input, reservoir, train, test, classes, config, Readout.SEED, threads);
    }

    public LinearProbeMetric(InputSpec input, ReservoirPreset reservoir, List<LabeledSample> train,
            List<LabeledSample> test, int classes, ProbeConfig config, Readout readout, int threads) {
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
        this.readout = readout;
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
        return new LinearProbeRun(input, reservoir.spec(seed).withInputs(input.inputs()).withBins(input.binning().bins()),
                weights, readout, threads, PhaseProgress.quiet()).run(train, test, classes, config.withSeed(seed))
                .testAccuracy();
    }
}

package io.liquidstream.core.evaluation;

import io.liquidstream.core.projection.ContrastiveTrainer;
import io.liquidstream.core.reservoir.WeightSource;
import java.util.Objects;

/**
 * The cross-modal zero-shot protocol ({@link ZeroShotProtocol}) as a {@link DeviceSweep.Metric}: both
 * modalities encoded by reservoirs over the given weights (A's from the seed, B's from
 * {@link PairedFeatures#seedB}), heads trained on the training classes with that seed, final epoch, and
 * the zero-shot accuracy of the chosen direction in percent (or the mean of both directions).
 */
public final class ZeroShotMetric implements DeviceSweep.Metric {

    /** Which zero-shot score the metric reports. */
    public enum Direction {
        A_TO_B, B_TO_A, MEAN
    }

    private final PairedModality a;
    private final PairedModality b;
    private final ZeroShotProtocol protocol;
    private final CrossModalTraining.HeadShape shape;
    private final ContrastiveTrainer.Config training;
    private final Direction direction;
    private final int threads;

    /**
     * @param training the heads' training; its seed is replaced by each run's
     */
    public ZeroShotMetric(PairedModality a, PairedModality b, ZeroShotProtocol protocol,
            CrossModalTraining.HeadShape shape, ContrastiveTrainer.Config training, Direction direction, int threads) {
        this.a = Objects.requireNonNull(a, "a");
        this.b = Objects.requireNonNull(b, "b");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.training = Objects.requireNonNull(training, "training");
        this.direction = Objects.requireNonNull(direction, "direction");
        this.threads = threads;
    }

    @Override
    public double accuracy(WeightSource weights, long seed) {
        PairedFeatures f = PairedFeatures.encode(a, b, seed, weights, threads, PhaseProgress.quiet());
        CrossModalTraining.ClipModel model = CrossModalTraining.trainHeads(protocol.config().trainClasses(), f.a(), f.b(),
                shape, training.withSeed(seed), (epoch, epochs, loss, tau) -> { });
        ZeroShotProtocol.Scores s = protocol.score(model.retriever(), f.a(), f.b());
        return switch (direction) {
            case A_TO_B -> s.zeroShotAToB();
            case B_TO_A -> s.zeroShotBToA();
            case MEAN -> (s.zeroShotAToB() + s.zeroShotBToA()) / 2;
        };
    }
}

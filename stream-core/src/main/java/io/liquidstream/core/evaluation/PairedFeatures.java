package io.liquidstream.core.evaluation;

import io.liquidstream.core.readout.FeatureExtractor;
import io.liquidstream.core.reservoir.ReservoirBank;
import io.liquidstream.core.reservoir.WeightSource;

/** Reservoir features of both modalities of a pairing, for one run's seed and weight source. */
public record PairedFeatures(ModalityFeatures a, ModalityFeatures b) {

    /** Added to a run's seed for modality B's reservoir, so the two reservoirs are independent draws. */
    public static final long SEED_OFFSET_B = 1_000_003L;

    /** Each side read out in its own segments; A's reservoir from {@code seed}, B's from {@link #seedB}. */
    public static PairedFeatures encode(PairedModality a, PairedModality b, long seed, WeightSource weights,
            int threads, PhaseProgress progress) {
        return new PairedFeatures(side(a, seed, weights, threads, progress),
                side(b, seedB(seed), weights, threads, progress));
    }

    /** The seed of modality B's reservoir in a run of {@code seed}. */
    public static long seedB(long seed) {
        return seed + SEED_OFFSET_B;
    }

    private static ModalityFeatures side(PairedModality side, long seed, WeightSource weights, int threads,
            PhaseProgress progress) {
        FeatureExtractor x = new FeatureExtractor(side.input(), ReservoirBank.of(side.reservoir(seed), weights,
                side.reservoirs()), threads, side.segments());
        float[][] train;
        float[][] test;
        try (PhaseProgress.Phase p = progress.start("encoding " + side.modality() + " train", side.train().size())) {
            train = x.extract(side.train(), p::update);
        }
        try (PhaseProgress.Phase p = progress.start("encoding " + side.modality() + " test", side.test().size())) {
            test = x.extract(side.test(), p::update);
        }
        return new ModalityFeatures(side.modality(), train, FeatureExtractor.labels(side.train()), test,
                FeatureExtractor.labels(side.test()));
    }
}

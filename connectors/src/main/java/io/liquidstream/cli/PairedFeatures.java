package io.liquidstream.cli;

import io.liquidstream.core.evaluation.ModalityFeatures;
import io.liquidstream.core.readout.FeatureExtractor;
import io.liquidstream.core.reservoir.LifReservoir;
import java.util.function.BiFunction;

/** Reservoir features of both sides of a {@link PairedData}, for one reservoir seed and device. */
record PairedFeatures(ModalityFeatures a, ModalityFeatures b) {

    /** Each side read out in its {@code segments} (firing rates per part of the window). */
    static PairedFeatures encode(PairedData data, long seed, DeviceKind device, int threads, ReadoutSegments segments,
            BiFunction<String, Long, Progress> progress) {
        return new PairedFeatures(side(data.a(), seed, device, threads, segments.of(data.a()), progress),
                side(data.b(), seed + 1_000_003L, device, threads, segments.of(data.b()), progress));
    }

    static LifReservoir reservoir(PairedData.Side side, long seed, DeviceKind device) {
        return new LifReservoir(side.reservoir(seed), device.weights());
    }

    private static ModalityFeatures side(PairedData.Side side, long seed, DeviceKind device, int threads, int segments,
            BiFunction<String, Long, Progress> progress) {
        FeatureExtractor x = new FeatureExtractor(side.input(), reservoir(side, seed, device), threads, segments);
        float[][] train;
        float[][] test;
        try (Progress p = progress.apply("encoding " + side.modality() + " train", (long) side.train().size())) {
            train = x.extract(side.train(), p::update);
        }
        try (Progress p = progress.apply("encoding " + side.modality() + " test", (long) side.test().size())) {
            test = x.extract(side.test(), p::update);
        }
        return new ModalityFeatures(side.modality(), train, FeatureExtractor.labels(side.train()), test,
                FeatureExtractor.labels(side.test()));
    }
}

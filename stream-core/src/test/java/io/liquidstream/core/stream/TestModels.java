package io.liquidstream.core.stream;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.ProjectionHead;
import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import java.util.Map;
import java.util.SplittableRandom;

/** Small untrained two-modality models and synthetic packets for the stage tests. */
final class TestModels {

    private TestModels() {
    }

    static Map<String, ModalityRuntime> models() {
        ReservoirSpec vision = ReservoirPreset.VISION_CLIP.spec(1).withNeurons(64);
        ReservoirSpec neural = ReservoirPreset.NEURAL_BMI.spec(2).withNeurons(64).withBins(20);
        return Map.of(
                "vision", new ModalityRuntime("vision", InputSpec.visionProbe(),
                        new LifReservoir(vision, new IdealGaussianWeights()),
                        ProjectionHead.create(64, new int[0], 64, Activation.GELU, 3)),
                "neural", new ModalityRuntime("neural", new InputSpec("neural", InputSpec.neuralBmi().transform(),
                        new io.liquidstream.core.binning.FixedBinning(20), SensorGeometry.channels(192)),
                        new LifReservoir(neural, new IdealGaussianWeights()),
                        ProjectionHead.create(64, new int[0], 64, Activation.GELU, 4)));
    }

    /** A packet of {@code n} random vision events from {@code t0} on. */
    static Packet<String> vision(String source, long seq, String sampleId, boolean end, long t0, int n) {
        return vision(source, seq, sampleId, end, t0, n, 10);
    }

    /** A packet of {@code n} random vision events from {@code t0} on, {@code spacingMicros} apart. */
    static Packet<String> vision(String source, long seq, String sampleId, boolean end, long t0, int n,
                                 long spacingMicros) {
        SplittableRandom r = new SplittableRandom(seq * 31 + source.hashCode());
        Events.Builder b = Events.builder(SensorGeometry.pixels(34, 34), n);
        for (int i = 0; i < n; i++) {
            b.add(t0 + i * spacingMicros, r.nextInt(34), r.nextInt(34), 1);
        }
        return new Packet<>(source, "vision", seq, b.build(), sampleId, 3, end, 0, source + "#" + seq);
    }
}

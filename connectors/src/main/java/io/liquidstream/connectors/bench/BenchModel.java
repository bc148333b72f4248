package io.liquidstream.connectors.bench;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.bundle.BundleAnchor;
import io.liquidstream.core.bundle.DenseStack;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.WeightSourceSpec;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.ProjectionHead;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The model a benchmark serves when none is given: the seed's vision↔audio CLIP shapes (vision: 16×16
 * crop of 34×34, one polarity, 50 bins, 200 LIF neurons; audio: 64 channels, 129 bins, 200 neurons),
 * ideal Gaussian reservoirs from the seed, one-layer GELU heads to 64 dimensions with freshly
 * initialised (untrained) weights, and one random audio anchor per digit class so that every vision
 * query is matched against ten anchors. What a window costs does not depend on whether the heads
 * were trained: the reservoir is the seed's either way and a head is the same dense product.
 */
public final class BenchModel {

    static final int DIMENSION = 64;

    private BenchModel() {
    }

    public static ModelBundle bundle(long seed) {
        ReservoirSpec vision = ReservoirPreset.VISION_CLIP.spec(seed);
        ReservoirSpec audio = ReservoirPreset.AUDIO_CLIP.spec(seed + 1);
        List<BundleAnchor> anchors = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < 10; c++) {
            float[] v = new float[DIMENSION];
            double norm = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (random.nextDouble() * 2 - 1);
                norm += v[i] * v[i];
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            anchors.add(new BundleAnchor("bench-audio-" + c, c, "audio", v));
        }
        return new ModelBundle(List.of(
                new ModalityModel("vision", InputSpec.visionProbe(), vision, new WeightSourceSpec.Ideal(),
                        head(vision.neurons(), seed + 2)),
                new ModalityModel("audio", InputSpec.audioProbe(), audio, new WeightSourceSpec.Ideal(),
                        head(audio.neurons(), seed + 3))),
                0.1, anchors, Map.of("purpose", "liquidstream bench pipeline: untrained heads, seed " + seed));
    }

    private static DenseStack head(int inputs, long seed) {
        ProjectionHead h = ProjectionHead.create(inputs, new int[0], DIMENSION, Activation.GELU, seed);
        return new DenseStack(h.layerDims(), "GELU", h.exportWeights());
    }
}

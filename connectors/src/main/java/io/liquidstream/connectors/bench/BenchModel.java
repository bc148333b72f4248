package io.liquidstream.connectors.bench;

import io.liquidstream.core.transform.EventTransform;
import io.liquidstream.core.binning.FixedBinning;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.bundle.BundleAnchor;
import io.liquidstream.core.bundle.DenseStack;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.WeightSourceSpec;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.ProjectionHead;
import io.liquidstream.core.readout.AffineMap;
import io.liquidstream.core.readout.LinearReadout;
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

    /**
     * A continuous-decoding model of {@code channels} electrodes, as {@code bench bmi} serves it: the seed's
     * 2048-neuron NEURAL_BMI reservoir (its Gaussian weights from the seed) with one input per channel, windows
     * and reservoir bins of {@code windowBins} bins of {@code binMicros}, an untrained head to 64 dimensions,
     * and a ridge-shaped decoder of 2-D velocity ({@code vx, vy}) over the latest {@code decoderBins} bins
     * with random weights. What a hop costs does not depend on whether the decoder was fitted: it is the same
     * affine map.
     */
    public static ModelBundle neural(int channels, long binMicros, int windowBins, int decoderBins, long seed) {
        ReservoirSpec spec = ReservoirPreset.NEURAL_BMI.spec(seed).withInputs(channels).withBins(windowBins);
        InputSpec input = new InputSpec("neural-" + channels, EventTransform.identity(), new FixedBinning(windowBins),
                SensorGeometry.channels(channels));
        SplittableRandom random = new SplittableRandom(seed + 4);
        float[] w = new float[spec.neurons() * 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((random.nextDouble() - 0.5) / Math.sqrt(spec.neurons()));
        }
        LinearReadout decoder = new LinearReadout(List.of("vx", "vy"), decoderBins, 1, binMicros,
                new AffineMap(spec.neurons(), 2, w, new float[2]));
        ModalityModel neural = new ModalityModel("neural", input, spec, new WeightSourceSpec.Ideal(),
                head(spec.neurons(), seed + 2), 1, decoder);
        return new ModelBundle(List.of(neural), 0.1, List.of(),
                Map.of("purpose", "liquidstream bench bmi: untrained head, random decoder, seed " + seed));
    }

    private static DenseStack head(int inputs, long seed) {
        ProjectionHead h = ProjectionHead.create(inputs, new int[0], DIMENSION, Activation.GELU, seed);
        return new DenseStack(h.layerDims(), "GELU", h.exportWeights());
    }
}

package io.liquidstream.it;

import io.liquidstream.core.binning.FixedBinning;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.bundle.DenseStack;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.WeightSourceSpec;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.ProjectionHead;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A small two-modality bundle (vision 34x34, neural 192 electrodes) the service can load in a second. */
final class TestModel {

    private TestModel() {
    }

    /** @param neurons reservoir size of each modality; larger makes the service slower per sample */
    static ModelBundle bundle(int neurons) {
        ReservoirSpec vision = ReservoirPreset.VISION_CLIP.spec(1).withNeurons(neurons);
        ReservoirSpec neural = ReservoirPreset.NEURAL_BMI.spec(2).withNeurons(neurons).withBins(20);
        InputSpec neuralInput = new InputSpec("neural", InputSpec.neuralBmi().transform(), new FixedBinning(20),
                SensorGeometry.channels(192));
        return new ModelBundle(List.of(
                new ModalityModel("vision", InputSpec.visionProbe(), vision, new WeightSourceSpec.Ideal(),
                        head(neurons, 3)),
                new ModalityModel("neural", neuralInput, neural, new WeightSourceSpec.Ideal(), head(neurons, 4))),
                0.1, List.of(), Map.of());
    }

    static ModelBundle bundle() {
        return bundle(64);
    }

    /** Writes the bundle to {@code dir/model.lsm}, as a user would hand it to {@code serve --model}. */
    static Path write(ModelBundle bundle, Path dir) {
        Path file = dir.resolve("model.lsm");
        try {
            bundle.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test model to " + file, e);
        }
        return file;
    }

    private static DenseStack head(int inputs, long seed) {
        ProjectionHead h = ProjectionHead.create(inputs, new int[0], 64, Activation.GELU, seed);
        return new DenseStack(h.layerDims(), "GELU", h.exportWeights());
    }
}

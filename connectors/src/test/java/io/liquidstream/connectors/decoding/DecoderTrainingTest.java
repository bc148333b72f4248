package io.liquidstream.connectors.decoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.cli.LiquidStreamCli;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.bundle.DenseStack;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.WeightSourceSpec;
import io.liquidstream.core.evaluation.DecodingTrial;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.ProjectionHead;
import io.liquidstream.core.readout.LinearReadout;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderTrainingTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void strokes() {
        assertThat(LiquidStreamCli.commandLine().execute("dataset", "strokes", "--out", dir.resolve("strokes").toString(),
                "--per-class", "4", "--test-per-class", "1")).isZero();
    }

    @Test
    void givenRecordingsWithVelocity_trialsPairEachRecordingWithItsBinsLimitedPerClass() throws IOException {
        List<DecodingTrial> trials = VelocityRecordings.read(dir.resolve("strokes/neural"), "train", 192, 2);

        assertThat(trials).hasSize(20);
        assertThat(trials).extracting(DecodingTrial::label).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                7, 7, 8, 8, 9, 9);
        for (DecodingTrial t : trials) {
            assertThat(t.binMicros()).isEqualTo(10_000);
            assertThat((long) t.bins() * t.binMicros()).isGreaterThan(t.spikes().lastTime());
        }
    }

    @Test
    void givenABundleAndRecordingsWithVelocity_theNeuralModalityGetsADecoderOfItsOwnReservoir() throws IOException {
        ReservoirSpec spec = ReservoirPreset.NEURAL_BMI.spec(5).withNeurons(96);
        ProjectionHead head = ProjectionHead.create(96, new int[0], 64, Activation.GELU, 1);
        ModelBundle bundle = new ModelBundle(List.of(new ModalityModel("neural", InputSpec.neuralBmi(), spec,
                new WeightSourceSpec.Ideal(), new DenseStack(head.layerDims(), "GELU", head.exportWeights()))), 0.1,
                List.of(), Map.of("pair", "test"));

        ModelBundle fitted = DecoderTraining.fit(bundle, "neural", dir.resolve("strokes/neural"), 3, line -> { });

        LinearReadout decoder = fitted.modality("neural").decoder();
        assertThat(decoder.names()).containsExactly("vx", "vy");
        assertThat(decoder.neurons()).isEqualTo(96);
        assertThat(decoder.binMicros()).isEqualTo(10_000);
        assertThat(fitted.metadata()).containsKeys("decoder.neural.penalty", "decoder.neural.validationR2.vx")
                .containsEntry("pair", "test");
        Path file = dir.resolve("decoded.lsm");
        fitted.write(file);
        assertThat(ModelBundle.read(file).modality("neural").decoder()).isEqualTo(decoder);
    }

    @Test
    void givenRecordingsWithoutVelocity_readingFailsNamingTheMissingFile() throws IOException {
        Path bare = Files.createDirectories(dir.resolve("bare"));
        Files.copy(dir.resolve("strokes/neural/train.h5"), bare.resolve("train.h5"));

        assertThat(VelocityRecordings.present(bare, "train")).isFalse();
        assertThatThrownBy(() -> VelocityRecordings.read(bare, "train", 192, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("train-velocity.h5");
    }
}

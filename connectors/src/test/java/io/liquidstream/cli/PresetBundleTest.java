package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.datasets.PairedData;
import io.liquidstream.connectors.datasets.ReadoutSegments;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.evaluation.BundleTraining;
import io.liquidstream.core.evaluation.CrossModalTraining;
import io.liquidstream.core.evaluation.PairedFeatures;
import io.liquidstream.core.evaluation.PairedModality;
import io.liquidstream.core.evaluation.PhaseProgress;
import io.liquidstream.core.evaluation.ReadoutPreset;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.projection.ContrastiveTrainer;
import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.stream.ModalityRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle trained with {@code --preset best} records its read-out (input spec, bank of reservoirs), so the
 * service encodes a sample exactly as training did.
 */
class PresetBundleTest {

    @TempDir
    Path dir;

    @Test
    void givenTrainWithPresetBest_theBundleRecordsThePresetsInputBankAndSegments() throws IOException {
        Path out = dir.resolve("cli-best.lsm");
        LiquidStreamCliTest.Run r = LiquidStreamCliTest.run("train", "--pair", "vision=" + ProbeCommandTest.vision(dir)
                + ",audio=" + ProbeCommandTest.audio(dir), "--preset", "best", "--epochs", "1", "--pd", "64",
                "--no-open-set", "--out", out.toString());
        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();

        ModelBundle bundle = ModelBundle.read(out);
        assertThat(bundle.metadata()).containsEntry("preset", "best");
        for (ModalityModel m : bundle.modalities()) {
            assertThat(m.reservoirs()).as(m.name()).isEqualTo(ReadoutPreset.BEST.readout().reservoirs());
            assertThat(m.readoutSegments()).as(m.name()).isEqualTo(ReadoutPreset.BEST.readout().segments());
        }
        assertThat(bundle.modality("vision").input().describe()).isEqualTo(ReadoutPreset.BEST.input(true).describe());
    }

    @Test
    void givenABundleTrainedWithPresetBest_theServiceEncodesEachModalityAsTrainingDid() throws IOException {
        PairedData data = PairedData.load("vision=" + ProbeCommandTest.vision(dir) + ",audio=" + ProbeCommandTest.audio(dir),
                192, Map.of(), ReadoutPreset.BEST);
        List<PairedModality> sides = data.encodings(ReadoutSegments.defaults());
        ContrastiveTrainer.Config config = new ContrastiveTrainer.Config(1, 16, 1e-3, 0.01, 0.1, true,
                ContrastiveTrainer.LossKind.SUPCON, 0);
        ModelBundle trained = new BundleTraining(3, new IdealGaussianWeights(), 2, 1, false).train(sides.get(0),
                sides.get(1), new TreeSet<>(Set.of(1, 2, 3, 4, 5, 6, 7)), CrossModalTraining.HeadShape.of(64), config,
                Map.of("preset", "best"), PhaseProgress.quiet()).bundle();
        Path file = dir.resolve("best.lsm");
        trained.write(file);
        ModelBundle served = ModelBundle.read(file);
        PairedFeatures atTraining = PairedFeatures.encode(sides.get(0), sides.get(1), 3, new IdealGaussianWeights(), 1,
                PhaseProgress.quiet());

        ModalityModel vision = served.modality("vision");
        assertThat(vision.reservoirs()).isEqualTo(ReadoutPreset.BEST.readout().reservoirs());
        assertThat(vision.input().describe()).isEqualTo(ReadoutPreset.BEST.input(true).describe());
        assertThat(served.modality("audio").reservoirs()).isEqualTo(ReadoutPreset.BEST.readout().reservoirs());
        assertThat(served.metadata()).containsEntry("preset", "best");
        LabeledSample image = sides.get(1).train().get(0);
        LabeledSample utterance = sides.get(0).train().get(0);
        assertThat(ModalityRuntime.of(vision).features(vision.input().encode(image.events())))
                .isEqualTo(atTraining.b().train()[0]);
        ModalityModel audio = served.modality("audio");
        assertThat(ModalityRuntime.of(audio).features(audio.input().encode(utterance.events())))
                .isEqualTo(atTraining.a().train()[0]);
    }
}

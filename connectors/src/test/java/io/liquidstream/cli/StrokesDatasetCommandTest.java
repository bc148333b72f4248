package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.liquidstream.connectors.datasets.PairedData;
import io.liquidstream.connectors.format.hdf5.SpikingHeidelbergDigits;
import io.liquidstream.connectors.format.hdf5.TrialTargets;
import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.connectors.synth.strokes.BuiltInStrokes;
import io.liquidstream.connectors.synth.strokes.CharacterSet;
import io.liquidstream.connectors.synth.strokes.MotorCortexModel;
import io.liquidstream.connectors.synth.strokes.PenTrajectory;
import io.liquidstream.connectors.synth.strokes.StrokeDataset;
import io.liquidstream.core.evaluation.ClassPairing;
import io.liquidstream.core.event.LabeledSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrokesDatasetCommandTest {

    @TempDir
    Path dir;

    @Test
    void givenCharsetLetters_bothModalitiesHoldLabelsTenToThirtyFiveTrialForTrial() throws IOException {
        Path out = dir.resolve("letters");
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("dataset", "strokes", "--charset", "letters", "--out",
                out.toString(), "--per-class", "2", "--test-per-class", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("letters, labels 10-35");
        try (Stream<Path> folders = Files.list(out.resolve("vision/Train"))) {
            assertThat(folders.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(10, 36).mapToObj(Integer::toString).toList());
        }
        List<Integer> expectedTrain = IntStream.range(0, 52).map(i -> 10 + i / 2).boxed().toList();
        List<LabeledSample> vision = NmnistFolder.read(out.resolve("vision"), "Train", 0);
        List<LabeledSample> neural = SpikingHeidelbergDigits.read(out.resolve("neural/train.h5"), 192);
        assertThat(vision).extracting(LabeledSample::label).containsExactlyElementsOf(expectedTrain);
        assertThat(neural).extracting(LabeledSample::label).containsExactlyElementsOf(expectedTrain);
        assertThat(NmnistFolder.read(out.resolve("vision"), "Test", 0)).extracting(LabeledSample::label)
                .containsExactlyElementsOf(CharacterSet.LETTERS.labels());

        // Read back in file order, the i-th sample of each modality is the i-th generated trial.
        BuiltInStrokes generated;
        try (Progress p = Progress.quiet()) {
            generated = BuiltInStrokes.generate(CharacterSet.LETTERS, 2, "train", 1, p);
        }
        for (int i = 0; i < expectedTrain.size(); i++) {
            assertThat(vision.get(i).events().size()).as("vision sample %d", i)
                    .isEqualTo(generated.vision().get(i).events().size());
            assertThat(neural.get(i).events().size()).as("neural sample %d", i)
                    .isEqualTo(generated.neural().get(i).events().size());
        }
    }

    @Test
    void givenDigits_thePenVelocityOfEveryNeuralTrialIsWrittenBesideItPerTenMillisecondBin() throws IOException {
        Path out = dir.resolve("digits");
        assertThat(LiquidStreamCliTest.run("dataset", "strokes", "--out", out.toString(), "--per-class", "2",
                "--test-per-class", "1").exitCode()).isZero();

        TrialTargets velocity = TrialTargets.read(out.resolve("neural/train-velocity.h5"));
        List<LabeledSample> neural = SpikingHeidelbergDigits.read(out.resolve("neural/train.h5"), 192);
        assertThat(velocity.names()).containsExactly("vx", "vy");
        assertThat(velocity.binMicros()).isEqualTo(10_000);
        assertThat(velocity.labels()).containsExactly(neural.stream().mapToInt(LabeledSample::label).toArray());
        List<StrokeDataset.Trial> trials = StrokeDataset.generate(CharacterSet.DIGITS, 2, "train", 1, i -> { });
        MotorCortexModel.Config cortex = MotorCortexModel.Config.defaults();
        for (int i = 0; i < trials.size(); i++) {
            float[][] v = velocity.trials().get(i);
            PenTrajectory pen = trials.get(i).trajectory();
            // Bins cover the whole recording, every spike included.
            assertThat((long) v.length * 10_000).isGreaterThan(neural.get(i).events().lastTime());
            // The pen is still before it starts writing.
            for (int b = 0; b < cortex.leadMicros() / 10_000; b++) {
                assertThat(v[b]).containsExactly(0f, 0f);
            }
            // Mean velocity times bin duration, summed, is the pen's displacement from first to last sample.
            double dx = 0;
            double dy = 0;
            for (float[] bin : v) {
                dx += bin[0] * 0.01;
                dy += bin[1] * 0.01;
            }
            assertThat(dx).as("trial %d", i).isCloseTo(pen.x(pen.size() - 1) - pen.x(0), within(1e-4));
            assertThat(dy).as("trial %d", i).isCloseTo(pen.y(pen.size() - 1) - pen.y(0), within(1e-4));
        }
        assertThat(TrialTargets.read(out.resolve("neural/test-velocity.h5")).trials()).hasSize(10);
    }

    @Test
    void givenLettersOnDisk_theZeroShotPairingSplitsTwentyTwoSeenFromFourUnseenLettersIndexByIndex() throws IOException {
        Path out = dir.resolve("letters");
        assertThat(LiquidStreamCliTest.run("dataset", "strokes", "--charset", "letters", "--out", out.toString(),
                "--per-class", "3", "--test-per-class", "2").exitCode()).isZero();

        PairedData data = PairedData.load("neural=" + out.resolve("neural") + ",vision=" + out.resolve("vision"), 192);
        Set<Integer> seen = new TreeSet<>(PairedData.classes("10-31"));
        Set<Integer> unseen = new TreeSet<>(PairedData.classes("32-35"));
        int[] neuralLabels = data.a().train().stream().mapToInt(LabeledSample::label).toArray();
        int[] visionLabels = data.b().train().stream().mapToInt(LabeledSample::label).toArray();
        int[][] pairs = ClassPairing.pairs(neuralLabels, visionLabels, seen);

        assertThat(seen).hasSize(22).contains(10, 31);
        assertThat(unseen).containsExactly(32, 33, 34, 35);
        assertThat(pairs).hasNumberOfRows(22 * 3);
        for (int[] pair : pairs) {
            assertThat(pair[0]).isEqualTo(pair[1]);
            assertThat(neuralLabels[pair[0]]).isBetween(10, 31);
        }
        int[] testLabels = data.b().test().stream().mapToInt(LabeledSample::label).toArray();
        assertThat(ClassPairing.firstPerClass(testLabels, unseen, 100)).hasSize(4 * 2);
    }

    @Test
    void givenNoCharset_writesTheDigitsOnly() throws IOException {
        Path out = dir.resolve("digits");
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("dataset", "strokes", "--out", out.toString(),
                "--per-class", "1", "--test-per-class", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(SpikingHeidelbergDigits.read(out.resolve("neural/test.h5"), 192)).extracting(LabeledSample::label)
                .containsExactlyElementsOf(CharacterSet.DIGITS.labels());
        assertThat(NmnistFolder.read(out.resolve("vision"), "Train", 0)).extracting(LabeledSample::label)
                .containsExactlyElementsOf(CharacterSet.DIGITS.labels());
    }

    @Test
    void givenCharsetAll_labelsRunFromZeroToThirtyFive() throws IOException {
        Path out = dir.resolve("all");
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("dataset", "strokes", "--charset", "all", "--out",
                out.toString(), "--per-class", "1", "--test-per-class", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(NmnistFolder.read(out.resolve("vision"), "Test", 0)).extracting(LabeledSample::label)
                .containsExactlyElementsOf(CharacterSet.ALL.labels());
    }

    @Test
    void givenAnUnknownCharset_theCommandRefusesNamingTheChoices() {
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("dataset", "strokes", "--charset", "greek", "--out",
                dir.resolve("x").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("greek").contains("digits").contains("letters").contains("all");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void helpDocumentsTheLabelsOfEachCharset() {
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("dataset", "strokes", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--charset").contains("labels 10-35").contains("a=10").contains("z=35");
    }
}

package io.liquidstream.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.bundle.OpenSetCalibration;
import io.liquidstream.core.projection.ContrastiveTrainer;
import java.util.Set;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SeenMarginCalibrationTest {

    private static final Set<Integer> TRAIN = Set.of(0, 1, 2, 3);
    private static final ContrastiveTrainer.Config CONFIG = new ContrastiveTrainer.Config(15, 32, 3e-3, 0.0, 0.1,
            false, ContrastiveTrainer.LossKind.SUPCON, 7);

    private static SeenMarginCalibration.Result calibrate(ModalityFeatures a, ModalityFeatures b) {
        return SeenMarginCalibration.calibrate(TRAIN, a, b, CrossModalTraining.HeadShape.of(64), CONFIG, null);
    }

    @Test
    void givenEightTrainingClasses_twoAreHeldOut_theSameForTheSameSeed() {
        SortedSet<Integer> train = new TreeSet<>(Set.of(0, 1, 2, 3, 4, 5, 6, 7));
        SortedSet<Integer> held = SeenMarginCalibration.pseudoUnseen(train, 3);
        assertThat(held).hasSize(2).isSubsetOf(train);
        assertThat(SeenMarginCalibration.pseudoUnseen(train, 3)).isEqualTo(held);
        assertThat(SeenMarginCalibration.pseudoUnseen(Set.of(4, 9), 3)).hasSize(1);
        assertThat(SeenMarginCalibration.pseudoUnseen(Set.of(1, 2, 3), 3)).hasSize(1);
    }

    @Test
    void givenDifferentSeeds_thePseudoUnseenClassesVary() {
        Set<Integer> train = Set.of(0, 1, 2, 3, 4, 5, 6, 7);
        Set<SortedSet<Integer>> drawn = new java.util.HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            drawn.add(SeenMarginCalibration.pseudoUnseen(train, seed));
        }
        assertThat(drawn).hasSizeGreaterThan(1);
    }

    @Test
    void givenOneTrainingClass_calibrationRefusesForWantOfAPseudoUnseenClass() {
        assertThatThrownBy(() -> SeenMarginCalibration.pseudoUnseen(Set.of(3), 0)).hasMessageContaining("at least 2");
    }

    @Test
    void givenTheTestFeaturesAndTheZeroShotClassesReplacedByNoise_theChosenMarginsAreUnchanged() {
        ModalityFeatures a = features("a", 30, 1);
        ModalityFeatures b = features("b", 30, 2);
        SeenMarginCalibration.Result r = calibrate(a, b);

        SeenMarginCalibration.Result noisy = calibrate(scrambled(a, 11), scrambled(b, 12));

        assertThat(noisy.seenMargins()).isEqualTo(r.seenMargins());
        assertThat(noisy.calibrated()).isEqualTo(r.calibrated());
        assertThat(noisy.uncalibrated()).isEqualTo(r.uncalibrated());
    }

    @Test
    void givenCalibration_theMarginsAreKeyedByQueryModality_andNoWorseThanNoMarginOnValidation() {
        SeenMarginCalibration.Result r = calibrate(features("neural", 30, 1), features("vision", 30, 2));

        assertThat(r.seenMargins()).containsOnlyKeys("neural", "vision");
        assertThat(r.pseudoUnseen()).hasSize(1);
        assertThat(r.fitClasses()).hasSize(3).doesNotContainAnyElementsOf(r.pseudoUnseen());
        for (String m : r.seenMargins().keySet()) {
            assertThat(r.calibrated().get(m).harmonic()).isGreaterThanOrEqualTo(r.uncalibrated().get(m).harmonic());
            // 30 samples per class: 6 held out of each of the 3 fitted classes, all 30 of the pseudo-unseen one.
            assertThat(r.calibrated().get(m).seenQueries()).isEqualTo(18);
            assertThat(r.calibrated().get(m).unseenQueries()).isEqualTo(30);
        }
        OpenSetCalibration c = r.openSet(TRAIN);
        assertThat(c.trainedClasses()).containsExactly(0, 1, 2, 3);
        assertThat(c.seenMargin("neural")).isEqualTo(r.seenMargins().get("neural"));
    }

    @Test
    void givenAModelTrainedOnTheTrainingClasses_theTestSplitScoresEveryQueryAgainstAllClasses() {
        ModalityFeatures a = features("a", 30, 1);
        ModalityFeatures b = features("b", 30, 2);
        ZeroShotProtocol protocol = new ZeroShotProtocol(new ZeroShotProtocol.Config(new TreeSet<>(TRAIN),
                new TreeSet<>(Set.of(4)), 10));
        ProjectionRetriever model = CrossModalTraining.trainHeads(TRAIN, a, b, CrossModalTraining.HeadShape.of(64),
                CONFIG, null).retriever();

        ZeroShotProtocol.GeneralizedScores g = protocol.scoreGeneralized(model, a, b);

        GeneralizedZeroShot.Accuracy plain = g.aToB().accuracy(0);
        assertThat(plain.seenQueries()).isEqualTo(40);
        assertThat(plain.unseenQueries()).isEqualTo(10);
        // Subtracting more than any cosine gap sends every query to the one unseen class.
        assertThat(g.bToA().accuracy(2.5).unseen()).isEqualTo(100.0);
        assertThat(g.bToA().accuracy(2.5).seen()).isZero();
        // Shared latent structure: seen classes are found far above the 20 % of a five-way guess.
        assertThat(plain.seen()).isGreaterThan(60);
    }

    /** Test rows and all rows of class 4 (outside the training classes) replaced by noise, test labels permuted. */
    private static ModalityFeatures scrambled(ModalityFeatures f, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] train = new float[f.train().length][];
        for (int i = 0; i < train.length; i++) {
            train[i] = f.trainLabels()[i] == 4 ? noise(rng, f.dimension()) : f.train()[i];
        }
        float[][] test = new float[f.test().length][];
        int[] testLabels = new int[test.length];
        for (int i = 0; i < test.length; i++) {
            test[i] = noise(rng, f.dimension());
            testLabels[i] = rng.nextInt(5);
        }
        return new ModalityFeatures(f.modality(), train, f.trainLabels(), test, testLabels);
    }

    private static float[] noise(SplittableRandom rng, int d) {
        float[] v = new float[d];
        for (int j = 0; j < d; j++) {
            v[j] = (float) (rng.nextDouble() * 10 - 5);
        }
        return v;
    }

    /** Five latent class centres seen by both modalities through different maps into 24 dimensions. */
    private static ModalityFeatures features(String name, int perClass, long noiseSeed) {
        return LatentViews.features(name, perClass, noiseSeed, 24, 0.6);
    }
}

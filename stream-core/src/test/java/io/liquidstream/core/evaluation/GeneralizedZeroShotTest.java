package io.liquidstream.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneralizedZeroShotTest {

    // Prototypes: seen class 0 along x, unseen class 1 along y (one exemplar each, any length).
    private static final float[][] GALLERY = {{2, 0}, {0, 5}};
    private static final int[] GALLERY_LABELS = {0, 1};
    // cos(q, x) - cos(q, y): q0 0.784, q1 0.156, q2 0.074 (an unseen query that leans seen), q3 -0.784.
    private static final float[][] QUERIES = {{1, 0.2f}, {1, 0.8f}, {1, 0.9f}, {0.2f, 1}};
    private static final int[] QUERY_LABELS = {0, 0, 1, 1};

    private static GeneralizedZeroShot.Scores tiny() {
        return GeneralizedZeroShot.score(QUERIES, QUERY_LABELS, GALLERY, GALLERY_LABELS, Set.of(0), Set.of(1));
    }

    @Test
    void givenExemplars_thePrototypeIsTheRenormalisedMeanOfTheirUnitVectors() {
        // (3,4) -> (0.6,0.8) and (10,0) -> (1,0): mean (0.8,0.4), renormalised (2,1)/sqrt(5);
        // the plain mean (6.5,2) would point elsewhere.
        float[] p = GeneralizedZeroShot.prototype(new float[][] {{3, 4}, {10, 0}});
        assertThat(p[0]).isCloseTo((float) (2 / Math.sqrt(5)), within(1e-6f));
        assertThat(p[1]).isCloseTo((float) (1 / Math.sqrt(5)), within(1e-6f));
    }

    @Test
    void givenNoMargin_anUnseenQueryLeaningSeenIsLost_seen100Unseen50H66() {
        GeneralizedZeroShot.Accuracy a = tiny().accuracy(0);
        assertThat(tiny().predict(0)).containsExactly(0, 0, 0, 1);
        assertThat(a.seen()).isEqualTo(100.0);
        assertThat(a.unseen()).isEqualTo(50.0);
        assertThat(a.harmonic()).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(a.seenQueries()).isEqualTo(2);
        assertThat(a.unseenQueries()).isEqualTo(2);
    }

    @Test
    void givenAMarginBetweenTheTwoGaps_everyQueryIsRight_andTooLargeAMarginLosesASeenQuery() {
        assertThat(tiny().accuracy(0.1)).extracting(GeneralizedZeroShot.Accuracy::seen,
                GeneralizedZeroShot.Accuracy::unseen, GeneralizedZeroShot.Accuracy::harmonic)
                .containsExactly(100.0, 100.0, 100.0);
        GeneralizedZeroShot.Accuracy tooLarge = tiny().accuracy(0.2);
        assertThat(tiny().predict(0.2)).containsExactly(0, 1, 1, 1);
        assertThat(tooLarge.seen()).isEqualTo(50.0);
        assertThat(tooLarge.unseen()).isEqualTo(100.0);
    }

    @Test
    void givenAMarginLargerThanAnyCosineGap_everyQueryGoesUnseen_andHIsZero() {
        GeneralizedZeroShot.Accuracy a = tiny().accuracy(2.5);
        assertThat(a.seen()).isZero();
        assertThat(a.unseen()).isEqualTo(100.0);
        assertThat(a.harmonic()).isZero();
    }

    @Test
    void givenTheGrid_theBestMarginIsTheCentreOfTheRunReachingTheHighestH() {
        // H is 100 exactly for margins in (0.0743, 0.1562): grid points 0.075 ... 0.155, centre 0.115.
        assertThat(tiny().bestMargin()).isCloseTo(0.115, within(1e-9));
        assertThat(tiny().bestMargin(new double[] {-0.5, 0, 0.1, 0.2})).isEqualTo(0.1);
    }

    @Test
    void givenClassesWithUnequalQueryCounts_accuracyIsTheMeanOverClasses() {
        // Seen class 0: its one query right; seen class 2: all three of its queries wrong (taken by 0).
        float[][] gallery = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        float[][] queries = {{1, 0, 0}, {1, 0, 0.5f}, {1, 0, 0.4f}, {1, 0, 0.3f}, {0, 1, 0}};
        GeneralizedZeroShot.Accuracy a = GeneralizedZeroShot.score(queries, new int[] {0, 2, 2, 2, 1}, gallery,
                new int[] {0, 1, 2}, Set.of(0, 2), Set.of(1)).accuracy(0);
        assertThat(a.seen()).isEqualTo(50.0);
        assertThat(a.unseen()).isEqualTo(100.0);
    }

    @Test
    void givenAClassWithoutExemplars_scoringRefusesNamingIt() {
        assertThatThrownBy(() -> GeneralizedZeroShot.score(QUERIES, QUERY_LABELS, GALLERY, new int[] {0, 0},
                Set.of(0), Set.of(1))).hasMessageContaining("class 1");
    }

    @Test
    void givenHarmonicMean_itIsTwoSUOverSPlusU() {
        assertThat(GeneralizedZeroShot.harmonic(80, 20)).isCloseTo(32.0, within(1e-12));
        assertThat(GeneralizedZeroShot.harmonic(0, 0)).isZero();
    }
}

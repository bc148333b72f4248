package io.liquidstream.connectors.synth.strokes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LetterTemplatesTest {

    private static final int SIZE = 28;
    private static final double STROKE_PX = StrokeDataset.Config.defaults().strokeWidthPx();
    /** Letters whose pen lift is part of the letter: dots of i and j, bars of f and t, the second stroke of x. */
    private static final Set<Character> LIFTED = Set.of('f', 'i', 'j', 't', 'x');

    static List<Integer> letters() {
        return CharacterSet.LETTERS.labels();
    }

    static List<Integer> everyLabel() {
        return CharacterSet.ALL.labels();
    }

    @ParameterizedTest
    @MethodSource("letters")
    void givenALetter_itsTemplateIsAValidTrajectoryInsideTheUnitBox(int label) {
        PenTrajectory t = StrokeTemplates.template(label);

        assertThat(t.sampleRateHz()).isEqualTo(StrokeTemplates.SAMPLE_RATE_HZ);
        assertThat(t.penDown(0)).as("%c starts on the paper", StrokeTemplates.character(label)).isTrue();
        assertThat(t.penDown(t.size() - 1)).as("%c ends on the paper", StrokeTemplates.character(label)).isTrue();
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.x(i)).as("%c x at %d", StrokeTemplates.character(label), i).isBetween(0.0, 1.0);
            assertThat(t.y(i)).as("%c y at %d", StrokeTemplates.character(label), i).isBetween(0.0, 1.0);
        }
    }

    @ParameterizedTest
    @MethodSource("everyLabel")
    void givenAnyCharacter_itIsWrittenInHalfASecondToOneAndAHalfAtDigitLikeSpeed(int label) {
        PenTrajectory t = StrokeTemplates.template(label);
        double[] speed = t.speed();
        double sum = 0;
        int down = 0;
        for (int i = 0; i < speed.length; i++) {
            if (t.penDown(i)) {
                sum += speed[i];
                down++;
            }
        }

        assertThat(t.durationSeconds()).as("%c", StrokeTemplates.character(label)).isBetween(0.5, 1.5);
        // The digits' mean pen-down speeds lie in 1.6..2.3 box lengths per second.
        assertThat(sum / down).as("%c mean pen-down speed", StrokeTemplates.character(label)).isBetween(0.5, 3.0);
    }

    @Test
    void letterIsOneContinuousMovementExceptTheDotsBarsAndTheCrossOfX() {
        for (int label : letters()) {
            char c = StrokeTemplates.character(label);
            assertThat(StrokeTemplates.template(label).penUpMoves()).as("pen lifts of %c", c)
                    .isEqualTo(LIFTED.contains(c) ? 1 : 0);
        }
    }

    @Test
    void lettersSitOnTheBaselineWithAscendersAboveAndDescendersBelowTheBody() {
        for (int label : letters()) {
            char c = StrokeTemplates.character(label);
            PenTrajectory t = StrokeTemplates.template(label);
            double top = 1;
            double bottom = 0;
            for (int i = 0; i < t.size(); i++) {
                top = Math.min(top, t.y(i));
                bottom = Math.max(bottom, t.y(i));
            }
            boolean ascender = "bdfhklt".indexOf(c) >= 0 || c == 'i' || c == 'j'; // i and j: their dots
            boolean descender = "gjpqy".indexOf(c) >= 0;
            assertThat(top).as("top of %c", c).isLessThan(ascender ? 0.25 : 0.34).isGreaterThan(ascender ? 0.1 : 0.28);
            assertThat(bottom).as("bottom of %c", c).isGreaterThan(descender ? 0.85 : 0.70)
                    .isLessThan(descender ? 0.92 : 0.75);
        }
    }

    @Test
    void theDotOfAnIIsInkApartFromItsStem() {
        float[] img = StrokeRenderer.render(StrokeTemplates.template(StrokeTemplates.label('i')), SIZE, SIZE, STROKE_PX);
        int column = SIZE / 2;

        assertThat(img[4 * SIZE + column]).as("dot").isGreaterThan(0.5f);
        assertThat(img[6 * SIZE + column]).as("gap between dot and stem").isLessThan(0.3f);
        assertThat(img[7 * SIZE + column]).as("gap between dot and stem").isLessThan(0.3f);
        assertThat(img[10 * SIZE + column]).as("stem").isGreaterThan(0.5f);
    }

    @Test
    void noTwoCharactersRenderNearlyTheSameImage() {
        List<Integer> labels = everyLabel();
        List<float[]> images = new ArrayList<>();
        for (int label : labels) {
            images.add(StrokeRenderer.render(StrokeTemplates.template(label), SIZE, SIZE, STROKE_PX));
        }
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                // The most alike pairs are h-n and a-d (0.89); the most alike digits, 3-8 (0.76).
                assertThat(Renderings.correlation(images.get(i), images.get(j)))
                        .as("%c vs %c", StrokeTemplates.character(labels.get(i)), StrokeTemplates.character(labels.get(j)))
                        .isLessThan(0.9);
            }
        }
    }

    @Test
    void variedTrialsOfALetterLookMostLikeTheirOwnTemplate() {
        List<Integer> labels = letters();
        float[][] templates = new float[labels.size()][];
        for (int k = 0; k < labels.size(); k++) {
            templates[k] = StrokeRenderer.render(StrokeTemplates.template(labels.get(k)), SIZE, SIZE, STROKE_PX);
        }
        TrialVariation variation = new TrialVariation(TrialVariation.Config.defaults());
        SplittableRandom rng = new SplittableRandom(11);
        int trials = 20;
        int correct = 0;
        for (int k = 0; k < labels.size(); k++) {
            int own = 0;
            for (int n = 0; n < trials; n++) {
                PenTrajectory written = variation.apply(StrokeTemplates.template(labels.get(k)), rng.split());
                float[] img = StrokeRenderer.render(written, SIZE, SIZE, STROKE_PX);
                int best = 0;
                for (int m = 1; m < templates.length; m++) {
                    if (Renderings.correlation(img, templates[m]) > Renderings.correlation(img, templates[best])) {
                        best = m;
                    }
                }
                own += best == k ? 1 : 0;
            }
            // Chance is 1 in 26; the hardest letter (h, often taken for n) is right about two times in three.
            assertThat(own).as("trials of %c nearest their own template", StrokeTemplates.character(labels.get(k)))
                    .isGreaterThanOrEqualTo(trials * 4 / 10);
            correct += own;
        }

        assertThat((double) correct / (trials * labels.size())).isGreaterThan(0.75);
    }
}

package io.liquidstream.connectors.synth.strokes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrialVariationTest {

    private static final int SIZE = 28;
    private static final PenTrajectory[] TEMPLATES = new PenTrajectory[10];
    private final TrialVariation variation = new TrialVariation(TrialVariation.Config.defaults());

    static {
        for (int d = 0; d < 10; d++) {
            TEMPLATES[d] = StrokeTemplates.template(d);
        }
    }

    @Test
    void variedDigitsRemainRecognisableByNearestTemplate() {
        float[][] templateImages = new float[10][];
        for (int d = 0; d < 10; d++) {
            templateImages[d] = StrokeRenderer.render(TEMPLATES[d], SIZE, SIZE, 2.2);
        }
        SplittableRandom rng = new SplittableRandom(7);
        int correct = 0;
        for (int trial = 0; trial < 200; trial++) {
            int digit = trial % 10;
            float[] img = StrokeRenderer.render(variation.apply(TEMPLATES[digit], rng), SIZE, SIZE, 2.2);
            int best = 0;
            for (int d = 1; d < 10; d++) {
                if (Renderings.correlation(img, templateImages[d]) > Renderings.correlation(img, templateImages[best])) {
                    best = d;
                }
            }
            correct += best == digit ? 1 : 0;
        }

        assertThat(correct).isGreaterThanOrEqualTo(180);
    }

    @Test
    void noTwoVariedTrialsAreIdentical() {
        SplittableRandom rng = new SplittableRandom(11);
        Set<PenTrajectory> seen = new HashSet<>();
        for (int trial = 0; trial < 200; trial++) {
            seen.add(variation.apply(TEMPLATES[trial % 10], rng));
        }

        assertThat(seen).hasSize(200);
    }

    @Test
    void theSameSeedGivesTheSameTrial() {
        PenTrajectory template = TEMPLATES[3];

        assertThat(variation.apply(template, new SplittableRandom(5)))
                .isEqualTo(variation.apply(template, new SplittableRandom(5)))
                .isNotEqualTo(variation.apply(template, new SplittableRandom(6)));
    }

    @Test
    void withoutVariationTheTemplateComesBackUnchanged() {
        PenTrajectory template = TEMPLATES[5];
        PenTrajectory same = new TrialVariation(TrialVariation.Config.none()).apply(template, new SplittableRandom(1));

        assertThat(same.size()).isEqualTo(template.size());
        assertThat(same.x()).containsExactly(template.x(), within(1e-12));
        assertThat(same.y()).containsExactly(template.y(), within(1e-12));
        assertThat(same.penDown()).containsExactly(template.penDown());
    }

    @Test
    void variationKeepsTheStrokeStructure() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int digit = trial % 10;
            PenTrajectory varied = variation.apply(TEMPLATES[digit], rng);
            assertThat(varied.strokes()).as("trial %d of digit %d", trial, digit)
                    .isEqualTo(TEMPLATES[digit].strokes());
        }
    }

    @Test
    void writingSpeedVariesBetweenTrials() {
        SplittableRandom rng = new SplittableRandom(9);
        PenTrajectory template = TEMPLATES[8];
        double shortest = Double.MAX_VALUE;
        double longest = 0;
        for (int trial = 0; trial < 30; trial++) {
            double d = variation.apply(template, rng).durationSeconds();
            shortest = Math.min(shortest, d);
            longest = Math.max(longest, d);
        }

        assertThat(longest / shortest).isGreaterThan(1.2);
    }
}

package io.liquidstream.connectors.synth.strokes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StrokeDatasetTest {

    private static final long SEED = 2024;

    @Test
    void generatesEveryClassInTurnWithUniqueIdsAndReportsProgress() {
        List<Integer> progress = new ArrayList<>();
        List<StrokeDataset.Trial> trials = StrokeDataset.generate(10, 3, StrokeDataset.TRAIN, SEED, progress::add);

        assertThat(trials).hasSize(30);
        for (int i = 0; i < trials.size(); i++) {
            assertThat(trials.get(i).label()).isEqualTo(i / 3);
        }
        assertThat(trials.stream().map(StrokeDataset.Trial::id).distinct()).hasSize(30);
        assertThat(progress).hasSize(30).endsWith(30);
    }

    @Test
    void theImageAndTheNeuralRecordingShowTheSameTrial() {
        StrokeDataset.Trial trial = StrokeDataset.generate(5, 1, StrokeDataset.TRAIN, SEED, n -> { }).get(4);
        StrokeDataset.Config cfg = StrokeDataset.Config.defaults();
        MotorCortexModel cortex = new MotorCortexModel(cfg.neural(), SEED);

        assertThat(trial.image()).hasSize(28 * 28)
                .containsExactly(StrokeRenderer.render(trial.trajectory(), 28, 28, cfg.strokeWidthPx()));
        assertThat(trial.neural().geometry()).isEqualTo(SensorGeometry.channels(192));
        assertThat(trial.neural().lastTime()).isLessThan(cortex.recordingMicros(trial.trajectory()));
        assertThat(trial.neuralSample().label()).isEqualTo(4);
    }

    @Test
    void theSameSeedAndSplitGiveTheSameData() {
        List<StrokeDataset.Trial> a = StrokeDataset.generate(3, 2, StrokeDataset.TEST, SEED, n -> { });
        List<StrokeDataset.Trial> b = StrokeDataset.generate(3, 2, StrokeDataset.TEST, SEED, n -> { });

        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).trajectory()).isEqualTo(a.get(i).trajectory());
            assertThat(b.get(i).neural()).isEqualTo(a.get(i).neural());
        }
    }

    @Test
    void trainAndTestShareNoTrial() {
        Set<PenTrajectory> train = new HashSet<>();
        for (StrokeDataset.Trial t : StrokeDataset.generate(10, 2, StrokeDataset.TRAIN, SEED, n -> { })) {
            train.add(t.trajectory());
        }
        for (StrokeDataset.Trial t : StrokeDataset.generate(10, 2, StrokeDataset.TEST, SEED, n -> { })) {
            assertThat(train).doesNotContain(t.trajectory());
        }
    }

    @Test
    void givenTheLetters_generatesLabelsTenToThirtyFiveClassByClass() {
        List<StrokeDataset.Trial> trials = StrokeDataset.generate(CharacterSet.LETTERS, 2, StrokeDataset.TEST, SEED,
                n -> { });

        assertThat(trials).hasSize(52);
        for (int i = 0; i < trials.size(); i++) {
            assertThat(trials.get(i).label()).isEqualTo(10 + i / 2);
            assertThat(trials.get(i).id()).isEqualTo(String.format("test/%d/%05d", 10 + i / 2, i % 2));
        }
    }

    @Test
    void givenTheDigits_theCharacterSetGivesTheSameTrialsAsTheClassCount() {
        List<StrokeDataset.Trial> bySet = StrokeDataset.generate(CharacterSet.DIGITS, 2, StrokeDataset.TRAIN, SEED, n -> { });
        List<StrokeDataset.Trial> byCount = StrokeDataset.generate(10, 2, StrokeDataset.TRAIN, SEED, n -> { });

        assertThat(bySet).hasSize(20);
        for (int i = 0; i < bySet.size(); i++) {
            assertThat(bySet.get(i).trajectory()).isEqualTo(byCount.get(i).trajectory());
            assertThat(bySet.get(i).neural()).isEqualTo(byCount.get(i).neural());
        }
    }

    @Test
    void givenAll_theDigitsComeFirstAndAreThoseOfTheDigitSet() {
        List<StrokeDataset.Trial> all = StrokeDataset.generate(CharacterSet.ALL, 1, StrokeDataset.TRAIN, SEED, n -> { });
        List<StrokeDataset.Trial> digits = StrokeDataset.generate(CharacterSet.DIGITS, 1, StrokeDataset.TRAIN, SEED, n -> { });

        assertThat(all).extracting(StrokeDataset.Trial::label).containsExactlyElementsOf(CharacterSet.ALL.labels());
        for (int i = 0; i < digits.size(); i++) {
            assertThat(all.get(i).trajectory()).isEqualTo(digits.get(i).trajectory());
        }
    }

    @Test
    void givenLabelsOutsideTheTemplatesOrRepeated_generationRefuses() {
        assertThatThrownBy(() -> StrokeDataset.generate(StrokeDataset.Config.defaults(), List.of(3, 36), 1,
                StrokeDataset.TRAIN, SEED, n -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..35").hasMessageContaining("36");
        assertThatThrownBy(() -> StrokeDataset.generate(StrokeDataset.Config.defaults(), List.of(12, 12), 1,
                StrokeDataset.TRAIN, SEED, n -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> StrokeDataset.generate(37, 1, StrokeDataset.TRAIN, SEED, n -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..36");
    }

    @Test
    void spikeCountsDecodeTheLetterWellAboveChanceOnHeldOutTrials() {
        List<StrokeDataset.Trial> train = StrokeDataset.generate(CharacterSet.LETTERS, 8, StrokeDataset.TRAIN, SEED, n -> { });
        List<StrokeDataset.Trial> test = StrokeDataset.generate(CharacterSet.LETTERS, 6, StrokeDataset.TEST, SEED, n -> { });

        double accuracy = nearestCentroidAccuracy(train, test, 5);
        System.out.printf("nearest-centroid decoding of 26 letters from 192x5 spike counts: %.1f %%%n", 100 * accuracy);

        // Chance is 1 in 26.
        assertThat(accuracy).isGreaterThanOrEqualTo(0.4);
    }

    @Test
    void givenAnUnknownSplit_generationNamesTheValidOnes() {
        assertThatThrownBy(() -> StrokeDataset.generate(10, 1, "validation", SEED, n -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'train' or 'test'").hasMessageContaining("validation");
    }

    @Test
    void spikeCountsDecodeTheDigitWellAboveChanceOnHeldOutTrials() {
        int bins = 5;
        List<StrokeDataset.Trial> train = StrokeDataset.generate(10, 12, StrokeDataset.TRAIN, SEED, n -> { });
        List<StrokeDataset.Trial> test = StrokeDataset.generate(10, 10, StrokeDataset.TEST, SEED, n -> { });

        double accuracy = nearestCentroidAccuracy(train, test, bins);
        System.out.printf("nearest-centroid decoding of 10 digits from 192x%d spike counts: %.1f %%%n", bins,
                100 * accuracy);

        assertThat(accuracy).isGreaterThanOrEqualTo(0.5);
    }

    /** Accuracy of classifying each test trial as the class whose mean training spike counts lie nearest. */
    private static double nearestCentroidAccuracy(List<StrokeDataset.Trial> train, List<StrokeDataset.Trial> test,
            int bins) {
        Map<Integer, double[]> centroids = new TreeMap<>();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (StrokeDataset.Trial t : train) {
            double[] f = binnedCounts(t.neural(), bins);
            double[] sum = centroids.computeIfAbsent(t.label(), c -> new double[f.length]);
            for (int i = 0; i < f.length; i++) {
                sum[i] += f[i];
            }
            counts.merge(t.label(), 1, Integer::sum);
        }
        centroids.forEach((c, sum) -> {
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= counts.get(c);
            }
        });
        int correct = 0;
        for (StrokeDataset.Trial t : test) {
            double[] f = binnedCounts(t.neural(), bins);
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (Map.Entry<Integer, double[]> e : centroids.entrySet()) {
                double d = 0;
                for (int i = 0; i < f.length; i++) {
                    d += (f[i] - e.getValue()[i]) * (f[i] - e.getValue()[i]);
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = e.getKey();
                }
            }
            correct += best == t.label() ? 1 : 0;
        }
        return correct / (double) test.size();
    }

    /** Per-electrode spike counts in equal time bins spanning the recording, square-root stabilised. */
    private static double[] binnedCounts(Events spikes, int bins) {
        int electrodes = spikes.geometry().width();
        double[] f = new double[electrodes * bins];
        long span = spikes.lastTime() + 1;
        for (int i = 0; i < spikes.size(); i++) {
            int b = (int) Math.min(bins - 1, spikes.t(i) * bins / span);
            f[spikes.x(i) * bins + b]++;
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = Math.sqrt(f[i]);
        }
        return f;
    }
}

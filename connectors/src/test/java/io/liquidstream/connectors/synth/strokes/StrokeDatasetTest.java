package io.liquidstream.connectors.synth.strokes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        double[][] centroids = new double[10][];
        for (StrokeDataset.Trial t : train) {
            double[] f = binnedCounts(t.neural(), bins);
            if (centroids[t.label()] == null) {
                centroids[t.label()] = new double[f.length];
            }
            for (int i = 0; i < f.length; i++) {
                centroids[t.label()][i] += f[i] / 12;
            }
        }
        int correct = 0;
        for (StrokeDataset.Trial t : test) {
            double[] f = binnedCounts(t.neural(), bins);
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                double d = 0;
                for (int i = 0; i < f.length; i++) {
                    d += (f[i] - centroids[c][i]) * (f[i] - centroids[c][i]);
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            correct += best == t.label() ? 1 : 0;
        }
        double accuracy = correct / (double) test.size();
        System.out.printf("nearest-centroid decoding of 10 digits from 192x%d spike counts: %.1f %%%n", bins,
                100 * accuracy);

        assertThat(accuracy).isGreaterThanOrEqualTo(0.5);
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

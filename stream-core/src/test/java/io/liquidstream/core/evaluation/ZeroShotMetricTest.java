package io.liquidstream.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.projection.ContrastiveTrainer;
import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.reservoir.ReservoirPreset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ZeroShotMetricTest {

    /**
     * Each class lights one or two of four bands: in modality A as rows of the crop, in modality B as columns.
     * The training classes 0-5 teach every band alone and two pairs; 6-8 are pairs never seen together.
     */
    private static final int[][] BANDS = {{0}, {1}, {2}, {3}, {0, 1}, {2, 3}, {0, 2}, {1, 3}, {0, 3}};

    @Test
    void givenClassesComposedOfSharedParts_unseenCombinationsAreRetrievedAcrossModalities() {
        ZeroShotMetric metric = metric();

        // Classes 6-8 recombine bands the training classes taught both heads: well above the 33 % of chance.
        double accuracy = metric.accuracy(new IdealGaussianWeights(), 0);

        assertThat(accuracy).isGreaterThanOrEqualTo(80.0);
    }

    @Test
    void givenTheSameWeightsAndSeed_theMetricRepeatsItself() {
        ZeroShotMetric metric = metric();

        assertThat(metric.accuracy(new IdealGaussianWeights(), 3)).isEqualTo(metric.accuracy(new IdealGaussianWeights(), 3));
    }

    private static ZeroShotMetric metric() {
        InputSpec input = InputSpec.visionProbe();
        PairedModality a = new PairedModality("rows", samples(true, 16, 1), samples(true, 10, 2), input,
                ReservoirPreset.VISION_CLIP.spec(0), 1);
        PairedModality b = new PairedModality("columns", samples(false, 16, 3), samples(false, 10, 4), input,
                ReservoirPreset.VISION_CLIP.spec(0), 1);
        ZeroShotProtocol protocol = new ZeroShotProtocol(new ZeroShotProtocol.Config(new TreeSet<>(Set.of(0, 1, 2, 3, 4, 5)),
                new TreeSet<>(Set.of(6, 7, 8)), 10));
        ContrastiveTrainer.Config training = new ContrastiveTrainer.Config(40, 32, 3e-3, 0.0, 0.1, true,
                ContrastiveTrainer.LossKind.SUPCON, 0);
        return new ZeroShotMetric(a, b, protocol, CrossModalTraining.HeadShape.of(64), training,
                ZeroShotMetric.Direction.MEAN, 1);
    }

    private static List<LabeledSample> samples(boolean rows, int perClass, long seed) {
        SensorGeometry sensor = SensorGeometry.pixels(34, 34);
        SplittableRandom random = new SplittableRandom(seed);
        List<LabeledSample> out = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (int label = 0; label < BANDS.length; label++) {
                int n = 300;
                long[] t = new long[n];
                int[] x = new int[n];
                int[] y = new int[n];
                byte[] p = new byte[n];
                for (int e = 0; e < n; e++) {
                    t[e] = e * 1000L;
                    int band = BANDS[label][random.nextInt(BANDS[label].length)];
                    int across = 9 + 4 * band + random.nextInt(4);
                    int along = 9 + random.nextInt(16);
                    x[e] = rows ? along : across;
                    y[e] = rows ? across : along;
                    p[e] = 1;
                }
                out.add(new LabeledSample((rows ? "r" : "c") + seed + "-" + i + "-" + label, label,
                        Events.of(sensor, t, x, y, p)));
            }
        }
        return out;
    }
}

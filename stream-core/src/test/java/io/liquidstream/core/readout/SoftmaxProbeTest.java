package io.liquidstream.core.readout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.evaluation.SeedProtocols;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxProbeTest {

    private static final int CLASSES = 4;
    private static final int DIM = 20;

    /** Gaussian blobs around class-specific centres: linearly separable with margin. */
    private static Object[] blobs(int perClass, long seed, double noise) {
        SplittableRandom centres = new SplittableRandom(7);
        float[][] c = new float[CLASSES][DIM];
        for (float[] row : c) {
            for (int j = 0; j < DIM; j++) {
                row[j] = (float) centres.nextDouble();
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<float[]> xs = new ArrayList<>();
        int[] ys = new int[perClass * CLASSES];
        for (int k = 0; k < perClass * CLASSES; k++) {
            int label = k % CLASSES;
            float[] x = new float[DIM];
            for (int j = 0; j < DIM; j++) {
                x[j] = c[label][j] + (float) (noise * (rng.nextDouble() - 0.5));
            }
            xs.add(x);
            ys[k] = label;
        }
        return new Object[] {xs.toArray(new float[0][]), ys};
    }

    @Test
    void givenSeparableClasses_probeClassifiesHeldOutSamples() {
        Object[] train = blobs(100, 1, 0.3);
        Object[] test = blobs(50, 2, 0.3);
        SoftmaxProbe probe = SoftmaxProbe.train((float[][]) train[0], (int[]) train[1], CLASSES,
                new ProbeConfig(60, 32, 0.05, 0.0, 3), null);
        assertThat(probe.accuracy((float[][]) test[0], (int[]) test[1])).isGreaterThan(0.95);
    }

    @Test
    void givenNoTraining_lossFallsOverEpochs() {
        Object[] train = blobs(50, 1, 0.3);
        List<Double> losses = new ArrayList<>();
        SoftmaxProbe.train((float[][]) train[0], (int[]) train[1], CLASSES, SeedProtocols.NTIDIGITS_PROBE.training().withEpochs(20),
                (epoch, epochs, loss) -> losses.add(loss));
        assertThat(losses).hasSize(20);
        assertThat(losses.get(19)).isLessThan(losses.get(0));
    }

    @Test
    void givenSameSeed_trainingIsDeterministic() {
        Object[] train = blobs(30, 1, 1.0);
        ProbeConfig config = new ProbeConfig(5, 16, 0.01, 0.0, 11);
        int[] a = SoftmaxProbe.train((float[][]) train[0], (int[]) train[1], CLASSES, config, null).predict((float[][]) train[0]);
        int[] b = SoftmaxProbe.train((float[][]) train[0], (int[]) train[1], CLASSES, config, null).predict((float[][]) train[0]);
        assertThat(a).containsExactly(b);
    }

    @Test
    void givenLabelOutsideClasses_trainingNamesTheSample() {
        float[][] x = {{0f, 1f}, {1f, 0f}};
        assertThatThrownBy(() -> SoftmaxProbe.train(x, new int[] {0, 5}, 2, SeedProtocols.NMNIST_PROBE.training(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 5 of sample 1");
    }
}

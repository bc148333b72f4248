package io.liquidstream.core.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IdealGaussianWeightsTest {

    private final WeightSource source = new IdealGaussianWeights();

    @Test
    void givenSeed42_weightsAreTheSameBitsOnEveryJvm() {
        // Pinned values: a change here means saved models would rebuild different reservoirs.
        ReservoirWeights w = source.weights(ReservoirPreset.VISION_PROBE.spec(42));

        assertThat(new float[] {w.input(0, 0), w.input(0, 1), w.input(0, 2), w.input(255, 199)})
                .containsExactly(0.3375926f, -0.7513149f, -0.2784453f, 0.81368357f);
        assertThat(new float[] {w.recurrent(0, 0), w.recurrent(0, 1), w.recurrent(0, 2), w.recurrent(199, 199)})
                .containsExactly(-0.57981753f, 0.20047034f, 0.1855988f, -0.2132379f);
    }

    @Test
    void givenSameSpec_weightsAreIdentical() {
        ReservoirSpec spec = ReservoirPreset.AUDIO_PROBE.spec(7);

        ReservoirWeights a = source.weights(spec);
        ReservoirWeights b = source.weights(spec);

        assertThat(a.inputMatrix()).containsExactly(b.inputMatrix());
        assertThat(a.recurrentMatrix()).containsExactly(b.recurrentMatrix());
    }

    @Test
    void givenDifferentSeeds_weightsDiffer() {
        ReservoirWeights a = source.weights(ReservoirPreset.AUDIO_PROBE.spec(7));
        ReservoirWeights b = source.weights(ReservoirPreset.AUDIO_PROBE.spec(8));

        assertThat(a.inputMatrix()).isNotEqualTo(b.inputMatrix());
        assertThat(a.recurrentMatrix()).isNotEqualTo(b.recurrentMatrix());
    }

    @Test
    void inputAndRecurrentMatricesComeFromIndependentStreams() {
        // Same statistics and scale, so shared streams would show up as equal leading entries.
        ReservoirSpec spec = ReservoirPreset.VISION_PROBE.spec(3)
                .withInputs(200);
        ReservoirSpec sameStats = new ReservoirSpec(spec.inputs(), spec.neurons(), spec.bins(), spec.decay(),
                spec.threshold(), spec.scale(), WeightStats.RRAM_INPUT, WeightStats.RRAM_INPUT, spec.seed());
        ReservoirWeights w = source.weights(sameStats);

        assertThat(w.inputMatrix()).isNotEqualTo(w.recurrentMatrix());
        assertThat(correlation(w.inputMatrix(), w.recurrentMatrix())).isCloseTo(0, within(0.02));
    }

    @Test
    void givenNeuralBmiPreset_sampleStatisticsMatchScaledMeasuredStatistics() {
        ReservoirSpec spec = ReservoirPreset.NEURAL_BMI.spec(5);
        ReservoirWeights w = source.weights(spec);

        assertStatistics(w.inputMatrix(), spec.scale(), WeightStats.RRAM_INPUT);
        assertStatistics(w.recurrentMatrix(), spec.scale(), WeightStats.RRAM_RECURRENT);
    }

    @Test
    void givenVisionPreset_sampleStatisticsMatchScaledMeasuredStatistics() {
        ReservoirSpec spec = ReservoirPreset.VISION_PROBE.spec(5);
        ReservoirWeights w = source.weights(spec);

        assertStatistics(w.inputMatrix(), spec.scale(), WeightStats.RRAM_INPUT);
        assertStatistics(w.recurrentMatrix(), spec.scale(), WeightStats.RRAM_RECURRENT);
    }

    private static void assertStatistics(float[] w, double scale, WeightStats stats) {
        double mean = mean(w);
        double std = Math.sqrt(variance(w, mean));
        double expectedStd = scale * stats.std();
        // Five standard errors: the mean's is std/sqrt(n), the std's about std/sqrt(2n).
        assertThat(mean).isCloseTo(scale * stats.mean(), within(5 * expectedStd / Math.sqrt(w.length)));
        assertThat(std).isCloseTo(expectedStd, within(5 * expectedStd / Math.sqrt(2.0 * w.length)));
    }

    private static double mean(float[] w) {
        double sum = 0;
        for (float x : w) {
            sum += x;
        }
        return sum / w.length;
    }

    private static double variance(float[] w, double mean) {
        double sum = 0;
        for (float x : w) {
            sum += (x - mean) * (x - mean);
        }
        return sum / (w.length - 1);
    }

    private static double correlation(float[] a, float[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double cov = 0;
        for (int k = 0; k < a.length; k++) {
            cov += (a[k] - ma) * (b[k] - mb);
        }
        return cov / (a.length - 1) / Math.sqrt(variance(a, ma) * variance(b, mb));
    }
}

package io.liquidstream.core.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReservoirSpecTest {

    @Test
    void presetsCarryTheSeedSettingsOfDesignTable51() {
        assertThat(ReservoirPreset.VISION_PROBE.spec(1)).isEqualTo(spec(256, 200, 50, 0.9, 5.0, 0.07, 1));
        assertThat(ReservoirPreset.AUDIO_PROBE.spec(1)).isEqualTo(spec(64, 200, 129, 0.97, 5.3, 0.08, 1));
        assertThat(ReservoirPreset.VISION_CLIP.spec(1)).isEqualTo(spec(256, 200, 50, 0.9, 5.0, 0.3, 1));
        assertThat(ReservoirPreset.AUDIO_CLIP.spec(1)).isEqualTo(spec(64, 200, 129, 0.97, 5.3, 0.1, 1));
        assertThat(ReservoirPreset.NEURAL_BMI.spec(1)).isEqualTo(spec(192, 2048, 201, 0.95, 0.1, 0.0005, 1));
        assertThat(ReservoirPreset.IMAGE_BMI.spec(1)).isEqualTo(spec(784, 2048, 50, 0.95, 0.1, 0.0005, 1));
    }

    @Test
    void withersChangeOnlyTheirComponent() {
        ReservoirSpec base = ReservoirPreset.AUDIO_PROBE.spec(1);

        assertThat(base.withSeed(9)).isEqualTo(spec(64, 200, 129, 0.97, 5.3, 0.08, 9));
        assertThat(base.withNeurons(500).neurons()).isEqualTo(500);
        assertThat(base.withNeurons(500).withNeurons(200)).isEqualTo(base);
    }

    @Test
    void givenDecayAboveOne_specIsRejected() {
        assertThatThrownBy(() -> ReservoirPreset.VISION_PROBE.spec(1).withDecay(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decay")
                .hasMessageContaining("1.5");
    }

    @Test
    void givenNoNeurons_specIsRejected() {
        assertThatThrownBy(() -> ReservoirPreset.VISION_PROBE.spec(1).withNeurons(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neurons=0");
    }

    @Test
    void givenNegativeStd_weightStatsAreRejected() {
        assertThatThrownBy(() -> new WeightStats(0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("std=-1.0");
    }

    private static ReservoirSpec spec(int inputs, int neurons, int bins, double decay, double threshold,
                                      double scale, long seed) {
        return new ReservoirSpec(inputs, neurons, bins, decay, threshold, scale, WeightStats.RRAM_INPUT,
                WeightStats.RRAM_RECURRENT, seed);
    }
}

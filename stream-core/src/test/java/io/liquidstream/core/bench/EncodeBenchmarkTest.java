package io.liquidstream.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.reservoir.ReservoirPreset;
import org.junit.jupiter.api.Test;

class EncodeBenchmarkTest {

    @Test
    void givenSmallRun_resultDescribesTheConfigAndALiveReservoir() {
        EncodeBenchmark.Result result = EncodeBenchmark.run(ReservoirPreset.VISION_PROBE, 300, 0.05, 2, 1);

        assertThat(result.config()).contains("VISION_PROBE", "256x50", "200");
        assertThat(result.samples()).isEqualTo(300);
        assertThat(result.threads()).isEqualTo(2);
        assertThat(result.density()).isEqualTo(0.05);
        assertThat(result.samplesPerSecond()).isPositive();
        assertThat(result.meanRate()).isGreaterThan(0).isLessThan(1);
    }

    @Test
    void givenABankOfReservoirs_theResultNamesItsShapeAndReadsALiveBank() {
        EncodeBenchmark.Result result = EncodeBenchmark.runBank(ReservoirPreset.VISION_PROBE.spec(1).withInputs(578), 3, 4,
                200, 0.05, 1);

        assertThat(result.config()).contains("3x200 bank", "578x50", "4 segment");
        assertThat(result.samples()).isEqualTo(200);
        assertThat(result.samplesPerSecond()).isPositive();
        assertThat(result.meanRate()).isGreaterThan(0).isLessThan(1);
    }

    @Test
    void givenSilentInput_meanRateIsZero() {
        assertThat(EncodeBenchmark.run(ReservoirPreset.AUDIO_PROBE, 50, 0.0, 1, 1).meanRate()).isZero();
    }

    @Test
    void givenDensityAboveOne_runIsRejected() {
        assertThatThrownBy(() -> EncodeBenchmark.run(ReservoirPreset.AUDIO_PROBE, 50, 1.5, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("density=1.5");
    }
}

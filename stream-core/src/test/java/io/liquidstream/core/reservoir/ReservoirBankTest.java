package io.liquidstream.core.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.binning.SpikeWindow;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A bank reads one window with independent reservoirs and lays their read-outs side by side. */
class ReservoirBankTest {

    private final ReservoirSpec spec = ReservoirPreset.VISION_PROBE.spec(11).withInputs(40).withNeurons(30).withBins(20);
    private final SpikeWindow window = SpikeWindow.fromDense(LifReservoirTest.randomInput(20, 40, 0.3, 5));

    @Test
    void givenOneReservoir_theBankEncodesExactlyAsTheReservoirDoes() {
        LifReservoir alone = new LifReservoir(spec, new IdealGaussianWeights());
        ReservoirBank bank = ReservoirBank.of(spec, new IdealGaussianWeights(), 1);

        assertThat(bank.encode(window, 1)).containsExactly(alone.encode(window));
        assertThat(bank.encode(window, 4)).containsExactly(alone.encodeSegments(window, 4));
    }

    @Test
    void givenThreeReservoirs_eachReadsTheWindowFromItsOwnSeedAndTheirReadOutsFollowInOrder() {
        ReservoirBank bank = ReservoirBank.of(spec, new IdealGaussianWeights(), 3);

        float[] features = bank.encode(window, 2);

        assertThat(bank.neurons()).isEqualTo(90);
        assertThat(features).hasSize(3 * 2 * 30);
        for (int k = 0; k < 3; k++) {
            LifReservoir own = new LifReservoir(spec.withSeed(11 + k * ReservoirBank.SEED_STRIDE), new IdealGaussianWeights());
            assertThat(Arrays.copyOfRange(features, k * 60, (k + 1) * 60)).containsExactly(own.encodeSegments(window, 2));
        }
        assertThat(Arrays.copyOfRange(features, 0, 60)).isNotEqualTo(Arrays.copyOfRange(features, 60, 120));
    }

    @Test
    void givenNoReservoirs_theBankIsRefused() {
        assertThatThrownBy(() -> ReservoirBank.of(spec, new IdealGaussianWeights(), 0))
                .hasMessageContaining("at least one reservoir");
    }
}

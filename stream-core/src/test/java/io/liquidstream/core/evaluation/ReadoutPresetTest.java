package io.liquidstream.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Pins the read-out presets. {@code best} was chosen on a validation split carved from the training data
 * (docs/presets.md has the table and commands); the values are written out here, not taken from
 * {@link ReadoutPreset}, so a changed preset fails until it is measured again.
 */
class ReadoutPresetTest {

    @Test
    void givenTheSeedPreset_itIsTheSeedsOneRawReservoirOverItsCropAndChannels() {
        ReadoutPreset p = ReadoutPreset.SEED;
        assertThat(p.id()).isEqualTo("seed");
        assertThat(p.readout()).isEqualTo(new Readout(1, 1, false));
        assertThat(p.input(true).describe()).isEqualTo("vision-probe=sensor(34,34,2)|crop(16,16)|polarity(1)|fixed(50)");
        assertThat(p.input(false).describe()).isEqualTo("audio-probe=sensor(64,1,1)|grid(129,1000)");
    }

    @Test
    void givenTheBestPreset_itReadsTheWholeSensorWithFiveReservoirsInFourSegmentsStandardised() {
        ReadoutPreset p = ReadoutPreset.BEST;
        assertThat(p.id()).isEqualTo("best");
        assertThat(p.readout()).isEqualTo(new Readout(5, 4, true));
        assertThat(p.input(true).describe()).isEqualTo("vision-sensor=sensor(34,34,2)|downsample(2,2)|fixed(50)");
        assertThat(p.input(true).inputs()).isEqualTo(17 * 17 * 2);
        assertThat(p.input(false).describe()).isEqualTo("audio-probe=sensor(64,1,1)|grid(129,1000)");
    }

    @Test
    void givenANameOnTheCommandLine_thePresetIsFoundOrTheKnownOnesAreListed() {
        assertThat(ReadoutPreset.of("best")).isEqualTo(ReadoutPreset.BEST);
        assertThatThrownBy(() -> ReadoutPreset.of("fast")).hasMessageContaining("[seed, best]")
                .hasMessageContaining("'fast'");
    }
}

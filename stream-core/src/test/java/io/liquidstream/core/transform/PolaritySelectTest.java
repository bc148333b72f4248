package io.liquidstream.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import org.junit.jupiter.api.Test;

class PolaritySelectTest {

    private static final SensorGeometry DVS = SensorGeometry.pixels(4, 4);

    @Test
    void givenMixedPolarities_keepsOnlyTheSelectedOneAsPolarityZero() {
        Events in = Events.builder(DVS).add(1, 0, 0, 0).add(2, 1, 1, 1).add(3, 2, 2, 0).add(4, 3, 3, 1).build();

        Events out = new PolaritySelect(1).apply(in);

        assertThat(out).isEqualTo(Events.builder(new SensorGeometry(4, 4, 1)).add(2, 1, 1, 0).add(4, 3, 3, 0).build());
    }

    @Test
    void givenOffSelected_keepsOffEvents() {
        Events in = Events.builder(DVS).add(1, 0, 0, 0).add(2, 1, 1, 1).build();

        assertThat(new PolaritySelect(0).apply(in).times()).containsExactly(1);
    }

    @Test
    void outputGeometryHasOnePolarity() {
        assertThat(new PolaritySelect(0).geometry(DVS)).isEqualTo(new SensorGeometry(4, 4, 1));
    }

    @Test
    void givenPolarityTheSensorLacks_fails() {
        assertThatThrownBy(() -> new PolaritySelect(2).geometry(DVS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 polarities");
    }
}

package io.liquidstream.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import org.junit.jupiter.api.Test;

class CenterCropTest {

    private static final SensorGeometry NMNIST = SensorGeometry.pixels(34, 34);

    @Test
    void givenCropOfNmnist_outputGeometryIsCropSizeWithBothPolarities() {
        assertThat(new CenterCrop(16, 16).geometry(NMNIST)).isEqualTo(new SensorGeometry(16, 16, 2));
    }

    @Test
    void givenEventsAtWindowCorners_keepsThemShiftedToOrigin() {
        Events in = Events.builder(NMNIST).add(1, 9, 9, 0).add(2, 24, 24, 1).build();

        Events out = new CenterCrop(16, 16).apply(in);

        assertThat(out).isEqualTo(Events.builder(new SensorGeometry(16, 16, 2)).add(1, 0, 0, 0).add(2, 15, 15, 1).build());
    }

    @Test
    void givenEventsJustOutsideWindow_dropsThem() {
        Events in = Events.builder(NMNIST).add(1, 8, 12, 0).add(2, 25, 12, 0).add(3, 12, 8, 1).add(4, 12, 25, 1)
                .add(5, 12, 12, 1).build();

        Events out = new CenterCrop(16, 16).apply(in);

        assertThat(out.size()).isEqualTo(1);
        assertThat(out.t(0)).isEqualTo(5);
        assertThat(out.x(0)).isEqualTo(3);
    }

    @Test
    void givenOddMargin_windowStartIsRoundedDown() {
        Events in = Events.builder(SensorGeometry.pixels(5, 1)).add(1, 0, 0, 0).add(2, 1, 0, 0).add(3, 2, 0, 0)
                .add(4, 3, 0, 0).build();

        Events out = new CenterCrop(2, 1).apply(in);

        assertThat(out.times()).containsExactly(2, 3);
        assertThat(out.xs()).containsExactly(0, 1);
    }

    @Test
    void givenCropLargerThanSensor_failsNamingBothSizes() {
        assertThatThrownBy(() -> new CenterCrop(40, 16).apply(Events.empty(NMNIST)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("40x16").hasMessageContaining("34x34");
    }
}

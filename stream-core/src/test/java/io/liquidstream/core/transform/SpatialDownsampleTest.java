package io.liquidstream.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import org.junit.jupiter.api.Test;

class SpatialDownsampleTest {

    @Test
    void givenSizeNotDivisibleByFactor_geometryIsRoundedUp() {
        assertThat(new SpatialDownsample(2, 3).geometry(SensorGeometry.pixels(5, 7))).isEqualTo(new SensorGeometry(3, 3, 2));
    }

    @Test
    void givenEvents_dividesCoordinatesAndKeepsEveryEvent() {
        Events in = Events.builder(SensorGeometry.pixels(5, 7)).add(1, 4, 6, 1).add(2, 1, 2, 0).add(3, 0, 0, 0).build();

        Events out = new SpatialDownsample(2, 3).apply(in);

        assertThat(out.geometry()).isEqualTo(new SensorGeometry(3, 3, 2));
        assertThat(out.xs()).containsExactly(2, 0, 0);
        assertThat(out.ys()).containsExactly(2, 0, 0);
        assertThat(out.polarities()).containsExactly(1, 0, 0);
        assertThat(out.times()).containsExactly(1, 2, 3);
    }
}

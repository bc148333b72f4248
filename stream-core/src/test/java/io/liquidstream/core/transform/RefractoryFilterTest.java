package io.liquidstream.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import org.junit.jupiter.api.Test;

class RefractoryFilterTest {

    private static final SensorGeometry DVS = SensorGeometry.pixels(3, 3);

    @Test
    void givenRepeatWithinPeriodAtSameAddress_dropsIt() {
        Events in = Events.builder(DVS).add(100, 1, 1, 0).add(149, 1, 1, 0).build();

        assertThat(new RefractoryFilter(50).apply(in).times()).containsExactly(100);
    }

    @Test
    void givenRepeatExactlyOnePeriodLater_keepsIt() {
        Events in = Events.builder(DVS).add(100, 1, 1, 0).add(150, 1, 1, 0).build();

        assertThat(new RefractoryFilter(50).apply(in).times()).containsExactly(100, 150);
    }

    @Test
    void givenOtherPolarityOrPixelWithinPeriod_keepsIt() {
        Events in = Events.builder(DVS).add(100, 1, 1, 0).add(110, 1, 1, 1).add(120, 2, 1, 0).build();

        assertThat(new RefractoryFilter(50).apply(in).size()).isEqualTo(3);
    }

    @Test
    void givenSustainedBurst_droppedEventsDoNotRestartThePeriod() {
        Events.Builder b = Events.builder(DVS);
        for (long t = 0; t <= 100; t += 10) {
            b.add(t, 0, 0, 1);
        }

        assertThat(new RefractoryFilter(50).apply(b.build()).times()).containsExactly(0, 50, 100);
    }

    @Test
    void keepsGeometry() {
        assertThat(new RefractoryFilter(50).apply(Events.empty(DVS)).geometry()).isEqualTo(DVS);
    }
}

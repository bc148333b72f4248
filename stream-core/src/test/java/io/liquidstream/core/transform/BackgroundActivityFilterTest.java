package io.liquidstream.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import org.junit.jupiter.api.Test;

class BackgroundActivityFilterTest {

    private static final SensorGeometry DVS = SensorGeometry.pixels(5, 5);
    private final BackgroundActivityFilter filter = new BackgroundActivityFilter(100);

    @Test
    void givenIsolatedEvent_dropsIt() {
        Events in = Events.builder(DVS).add(10, 2, 2, 1).build();

        assertThat(filter.apply(in).size()).isZero();
    }

    @Test
    void givenRecentDiagonalNeighbourOfOtherPolarity_keepsTheEvent() {
        Events in = Events.builder(DVS).add(10, 1, 1, 0).add(60, 2, 2, 1).build();

        Events out = filter.apply(in);

        assertThat(out.times()).containsExactly(60);
        assertThat(out.polarities()).containsExactly(1);
    }

    @Test
    void givenNeighbourOlderThanWindow_dropsTheEvent() {
        Events in = Events.builder(DVS).add(10, 2, 1, 0).add(110, 2, 2, 0).build();

        assertThat(filter.apply(in).size()).isZero();
    }

    @Test
    void givenOnlyOwnPixelFiredRecently_dropsTheEvent() {
        Events in = Events.builder(DVS).add(10, 2, 2, 0).add(20, 2, 2, 0).build();

        assertThat(filter.apply(in).size()).isZero();
    }

    @Test
    void givenPixelTwoAway_doesNotSupport() {
        Events in = Events.builder(DVS).add(10, 0, 2, 0).add(20, 2, 2, 0).build();

        assertThat(filter.apply(in).size()).isZero();
    }

    @Test
    void givenDroppedNeighbour_itStillSupportsLaterEvents() {
        Events in = Events.builder(DVS).add(10, 4, 4, 0).add(20, 3, 3, 0).build();

        assertThat(filter.apply(in).times()).containsExactly(20);
    }

    @Test
    void givenEventOnSensorEdge_checksOnlyNeighboursInside() {
        Events in = Events.builder(SensorGeometry.channels(3)).add(10, 0, 0, 0).add(20, 1, 0, 0).add(30, 2, 0, 0).build();

        assertThat(filter.apply(in).times()).containsExactly(20, 30);
    }
}

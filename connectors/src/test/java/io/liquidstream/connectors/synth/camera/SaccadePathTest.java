package io.liquidstream.connectors.synth.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SaccadePathTest {

    private final SaccadePath path = new SaccadePath(100_000, 6);

    @Test
    void visitsTheTriangleCornersAtSaccadeBoundaries() {
        assertThat(new double[] {path.x(0), path.y(0)}).containsExactly(0, 6);
        assertThat(path.x(100_000)).isCloseTo(3, within(1e-9));
        assertThat(path.y(100_000)).isCloseTo(0, within(1e-9));
        assertThat(path.x(200_000)).isCloseTo(6, within(1e-9));
        assertThat(path.y(200_000)).isCloseTo(6, within(1e-9));
        assertThat(path.x(300_000)).isCloseTo(0, within(1e-9));
        assertThat(path.y(300_000)).isCloseTo(6, within(1e-9));
    }

    @Test
    void movesSlowlyNearCornersAndFastestHalfWay() {
        double nearCorner = Math.abs(path.x(201_000) - path.x(200_000));
        double halfWay = Math.abs(path.x(251_000) - path.x(250_000));
        assertThat(halfWay).isGreaterThan(50 * nearCorner);
        assertThat(halfWay / 0.001).isCloseTo(2 * 6 / 0.1, within(0.5));
    }

    @Test
    void staysAtTheLastCornerAfterTheEnd() {
        assertThat(path.x(400_000)).isEqualTo(path.x(300_000));
        assertThat(path.y(400_000)).isEqualTo(path.y(300_000));
    }
}

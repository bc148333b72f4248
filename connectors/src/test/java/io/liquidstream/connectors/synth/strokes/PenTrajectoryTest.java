package io.liquidstream.connectors.synth.strokes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PenTrajectoryTest {

    @Test
    void givenUniformMotion_velocityIsDistancePerSecond() {
        double[] x = {0.1, 0.2, 0.3, 0.4};
        double[] y = {0.5, 0.5, 0.5, 0.5};
        PenTrajectory t = new PenTrajectory(x, y, new boolean[] {true, true, true, true}, 100);

        assertThat(t.velocityX()).containsExactly(new double[] {10, 10, 10, 10}, within(1e-9));
        assertThat(t.velocityY()).containsExactly(new double[] {0, 0, 0, 0}, within(1e-9));
        assertThat(t.durationSeconds()).isCloseTo(0.03, within(1e-12));
    }

    @Test
    void givenPenLiftedOnce_countsTwoStrokesAndOnePenUpMove() {
        boolean[] down = {false, true, true, false, false, true, true, false};
        PenTrajectory t = new PenTrajectory(new double[8], new double[8], down, 100);

        assertThat(t.strokes()).isEqualTo(2);
        assertThat(t.penUpMoves()).isEqualTo(1);
    }

    @Test
    void givenCallerMutatesItsArrays_trajectoryStaysUnchanged() {
        double[] x = {0.1, 0.2};
        PenTrajectory t = new PenTrajectory(x, new double[2], new boolean[2], 100);
        x[0] = 9;
        t.x()[1] = 9;

        assertThat(t.x()).containsExactly(0.1, 0.2);
    }

    @Test
    void givenColumnsOfDifferentLength_constructionNamesTheLengths() {
        assertThatThrownBy(() -> new PenTrajectory(new double[3], new double[2], new boolean[3], 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x=3 y=2 penDown=3");
    }
}

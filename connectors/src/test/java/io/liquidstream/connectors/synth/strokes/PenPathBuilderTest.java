package io.liquidstream.connectors.synth.strokes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PenPathBuilderTest {

    @Test
    void aSingleStrokeTakesTheRequestedWritingTimeAndEndsAtItsLastPoint() {
        PenTrajectory t = new PenPathBuilder(200).stroke(new double[] {0.2, 0.5, 0.5, 0.4, 0.8, 0.5}).build(0.6);

        assertThat(t.durationSeconds()).isCloseTo(0.6, within(1.0 / 200));
        assertThat(t.x(0)).isCloseTo(0.2, within(1e-9));
        assertThat(t.x(t.size() - 1)).isCloseTo(0.8, within(1e-9));
        assertThat(t.strokes()).isEqualTo(1);
    }

    @Test
    void thePenLiftsBetweenStrokesAndTravelsStraightToTheNextStart() {
        PenTrajectory t = new PenPathBuilder(200)
                .stroke(new double[] {0.2, 0.2, 0.8, 0.2})
                .stroke(new double[] {0.2, 0.8, 0.8, 0.8})
                .build(0.6);

        assertThat(t.penUpMoves()).isEqualTo(1);
        assertThat(t.durationSeconds()).isGreaterThan(0.6);
        for (int i = 0; i < t.size(); i++) {
            if (!t.penDown(i)) {
                // From (0.8, 0.2) to (0.2, 0.8): the pen-up path lies on the line x + y = 1.
                assertThat(t.x(i) + t.y(i)).isCloseTo(1.0, within(1e-9));
            }
        }
    }

    @Test
    void aStrokeStartsAndEndsSlowly() {
        PenTrajectory t = new PenPathBuilder(200).stroke(new double[] {0.1, 0.5, 0.9, 0.5}).build(0.5);
        double[] speed = t.speed();
        double peak = 0;
        for (double s : speed) {
            peak = Math.max(peak, s);
        }

        assertThat(speed[0]).isLessThan(0.3 * peak);
        assertThat(speed[speed.length - 1]).isLessThan(0.3 * peak);
    }

    @Test
    void givenAnOddNumberOfCoordinates_strokeNamesStrokeAndPiece() {
        assertThatThrownBy(() -> new PenPathBuilder(200).stroke(new double[] {0.1, 0.2, 0.3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stroke 0 piece 0").hasMessageContaining("3 numbers");
    }
}

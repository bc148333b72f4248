package io.liquidstream.connectors.synth.strokes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrokeRendererTest {

    private static final int SIZE = 28;

    @Test
    void aOneLightsAVerticalBand() {
        float[] img = StrokeRenderer.render(StrokeTemplates.template(1), SIZE, SIZE, 2.2);
        int ink = 0;
        int inBand = 0;
        int top = SIZE;
        int bottom = -1;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (img[y * SIZE + x] > 0.5f) {
                    ink++;
                    inBand += x >= 9 && x <= 18 ? 1 : 0;
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }

        assertThat(inBand).isGreaterThanOrEqualTo((int) (0.95 * ink));
        assertThat(bottom - top).isGreaterThanOrEqualTo(18);
    }

    @Test
    void aZeroIsARingAroundADarkCentre() {
        float[] img = StrokeRenderer.render(StrokeTemplates.template(0), SIZE, SIZE, 2.2);

        assertThat(img[14 * SIZE + 14]).isLessThan(0.05f);
        assertThat(img[14 * SIZE + 8]).as("left side").isGreaterThan(0.5f);
        assertThat(img[14 * SIZE + 19]).as("right side").isGreaterThan(0.5f);
        assertThat(img[4 * SIZE + 14]).as("top").isGreaterThan(0.5f);
        assertThat(img[23 * SIZE + 14]).as("bottom").isGreaterThan(0.5f);
    }

    @Test
    void renderedDigitsHaveMnistLikeInkFraction() {
        double sum = 0;
        for (int d = 0; d < 10; d++) {
            double fraction = inkFraction(StrokeRenderer.render(StrokeTemplates.template(d), SIZE, SIZE, 2.2));
            assertThat(fraction).as("digit %d", d).isBetween(0.05, 0.25);
            sum += fraction;
        }

        assertThat(sum / 10).isBetween(0.10, 0.25);
    }

    @Test
    void penUpMovesLeaveNoInk() {
        // A bar at the top, the pen lifted across the middle, a bar at the bottom.
        double[] x = {0.2, 0.8, 0.5, 0.2, 0.8};
        double[] y = {0.2, 0.2, 0.5, 0.8, 0.8};
        boolean[] down = {true, true, false, true, true};
        float[] img = StrokeRenderer.render(new PenTrajectory(x, y, down, 100), SIZE, SIZE, 2);

        for (int col = 0; col < SIZE; col++) {
            assertThat(img[14 * SIZE + col]).as("middle row, column %d", col).isZero();
        }
        assertThat(img[(int) (0.2 * SIZE) * SIZE + 14]).isGreaterThan(0.5f);
        assertThat(img[(int) (0.8 * SIZE) * SIZE + 14]).isGreaterThan(0.5f);
    }

    @Test
    void inkOutsideTheBoxIsClippedAndValuesStayInUnitRange() {
        double[] x = {-0.5, 1.5};
        double[] y = {0.5, 0.5};
        float[] img = StrokeRenderer.render(new PenTrajectory(x, y, new boolean[] {true, true}, 100), SIZE, SIZE, 3);

        for (float v : img) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(img[14 * SIZE]).isEqualTo(1f);
        assertThat(img[14 * SIZE + SIZE - 1]).isEqualTo(1f);
    }

    static double inkFraction(float[] img) {
        int ink = 0;
        for (float v : img) {
            ink += v > 0.5f ? 1 : 0;
        }
        return (double) ink / img.length;
    }
}

package io.liquidstream.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrincipalPlaneTest {

    @Test
    void givenPointsSpreadMostAlongOneAxis_firstComponentIsThatAxis() {
        Random r = new Random(1);
        List<float[]> points = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // Spread 10 along coordinate 2, 3 along coordinate 0, 0.1 elsewhere.
            points.add(new float[] {(float) (3 * r.nextGaussian()), (float) (0.1 * r.nextGaussian()),
                (float) (10 * r.nextGaussian() + 5), (float) (0.1 * r.nextGaussian())});
        }
        PrincipalPlane plane = PrincipalPlane.fit(points);

        double[] origin = plane.project(new float[] {0, 0, 0, 0});
        double[] alongThird = plane.project(new float[] {0, 0, 1, 0});
        double[] alongFirst = plane.project(new float[] {1, 0, 0, 0});
        assertThat(Math.abs(alongThird[0] - origin[0])).isCloseTo(1.0, within(0.01));
        assertThat(Math.abs(alongFirst[1] - origin[1])).isCloseTo(1.0, within(0.01));
        double[] explained = plane.explainedVariance();
        assertThat(explained[0]).isCloseTo(100 / 109.02, within(0.03));
        assertThat(explained[1]).isCloseTo(9 / 109.02, within(0.02));
    }

    @Test
    void theMeanProjectsToTheOrigin() {
        List<float[]> points = List.of(new float[] {1, 2, 3}, new float[] {3, 2, 1}, new float[] {2, 5, 2});
        double[] origin = PrincipalPlane.fit(points).project(new float[] {2, 3, 2});
        assertThat(origin[0]).isCloseTo(0, within(1e-9));
        assertThat(origin[1]).isCloseTo(0, within(1e-9));
    }

    @Test
    void refittingOnTheNegatedSet_doesNotMirrorThePicture() {
        List<float[]> points = List.of(new float[] {4, 0, 0}, new float[] {-4, 0, 0}, new float[] {0, 1, 0},
                new float[] {0, -1, 0});
        double[] a = PrincipalPlane.fit(points).project(new float[] {4, 1, 0});
        double[] b = PrincipalPlane.fit(List.of(points.get(1), points.get(0), points.get(3), points.get(2)))
                .project(new float[] {4, 1, 0});
        assertThat(a[0]).isCloseTo(b[0], within(1e-9));
        assertThat(a[1]).isCloseTo(b[1], within(1e-9));
    }

    @Test
    void givenMixedDimensions_saysWhichWasFound() {
        assertThatThrownBy(() -> PrincipalPlane.fit(List.of(new float[] {1, 2}, new float[] {1, 2, 3})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 2, found one of 3");
        assertThatThrownBy(() -> PrincipalPlane.fit(List.of())).hasMessageContaining("found none");
    }
}

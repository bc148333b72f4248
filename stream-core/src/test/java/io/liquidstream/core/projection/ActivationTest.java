package io.liquidstream.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

@ExtendWith(SingleThreadedNd4j.class)
class ActivationTest {

    @Test
    void gelu_isTheExactErfForm() {
        INDArray x = Nd4j.createFromArray(-2.0, -0.5, 0.0, 1.0, 3.0);
        // x·Φ(x) via Python's math.erf; the tanh approximation differs by up to 4e-4 here
        double[] expected = {-0.04550026389635842, -0.15426876936299347, 0.0, 0.8413447460685429, 2.99595030590511};
        double[] actual = Activation.GELU.apply(x).toDoubleVector();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("GELU(%s)", x.getDouble(i)).isCloseTo(expected[i], within(1e-9));
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivative_matchesCentralDifferences(Activation act) {
        double[] points = {-2.3, -0.7, -0.1, 0.2, 0.9, 2.6};
        INDArray x = Nd4j.createFromArray(points);
        double[] analytic = act.derivative(x).toDoubleVector();
        for (int i = 0; i < points.length; i++) {
            double numeric = GradientCheck.derivative(
                    v -> act.apply(Nd4j.createFromArray(v).castTo(DataType.DOUBLE)).getDouble(0), points[i]);
            assertThat(analytic[i]).as("%s'(%s)", act, points[i]).isCloseTo(numeric, within(1e-7));
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivative_leavesItsInputUnchanged(Activation act) {
        INDArray x = Nd4j.createFromArray(-1.0, 0.5, 2.0);
        act.derivative(x);
        assertThat(x.toDoubleVector()).containsExactly(-1.0, 0.5, 2.0);
    }
}

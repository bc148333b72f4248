package io.liquidstream.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

@ExtendWith(SingleThreadedNd4j.class)
class ProjectionHeadTest {

    static Stream<Arguments> shapes() {
        int[][] dims = {{3, 2}, {3, 4, 2}, {3, 4, 3, 2}};
        Stream<Arguments> normalised = Stream.of(Activation.values())
                .flatMap(act -> Stream.of(dims).map(d -> Arguments.of(d, act, true)));
        return Stream.concat(normalised, Stream.of(Arguments.of(dims[2], Activation.GELU, false)));
    }

    @ParameterizedTest(name = "{0} {1} normalised={2}")
    @MethodSource("shapes")
    void backward_matchesCentralDifferencesForEveryParameter(int[] dims, Activation act, boolean normalised) {
        ProjectionHead head = ProjectionHead.initialised(dims, act, 3, DataType.DOUBLE, normalised);
        INDArray x = GradientCheck.gaussian(3, dims[0], 11);
        // a fixed linear functional of the output makes every output element's gradient visible
        INDArray probe = GradientCheck.gaussian(3, dims[dims.length - 1], 12);
        List<INDArray> grads = head.backward(head.forwardWithCache(x), probe);
        List<INDArray> params = head.params();
        assertThat(grads).hasSize(2 * (dims.length - 1));
        for (int i = 0; i < params.size(); i++) {
            double error = GradientCheck.maxError(params.get(i), grads.get(i),
                    () -> head.forward(x).mul(probe).sumNumber().doubleValue());
            assertThat(error).as("parameter %d", i).isLessThan(1e-6);
        }
    }

    @Test
    void forward_returnsUnitLengthRows() {
        ProjectionHead head = ProjectionHead.create(10, new int[] {32}, 64, Activation.GELU, 1);
        INDArray y = head.forward(GradientCheck.gaussian(7, 10, 2).castTo(DataType.FLOAT));
        assertThat(y.shape()).containsExactly(7, 64);
        for (double norm : y.norm2(1).toDoubleVector()) {
            assertThat(norm).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void forwardWithCache_givesTheSameOutputAsForward() {
        ProjectionHead head = ProjectionHead.initialised(new int[] {6, 8, 5}, Activation.TANH, 4, DataType.DOUBLE, true);
        INDArray x = GradientCheck.gaussian(4, 6, 5);
        assertThat(head.forwardWithCache(x).output().toDoubleMatrix()).isDeepEqualTo(head.forward(x).toDoubleMatrix());
    }

    @Test
    void forward_leavesItsInputUnchanged() {
        ProjectionHead head = ProjectionHead.initialised(new int[] {4, 4}, Activation.RELU, 1, DataType.DOUBLE, true);
        INDArray x = GradientCheck.gaussian(2, 4, 9);
        INDArray before = x.dup();
        head.forward(x);
        head.forwardWithCache(x);
        assertThat(x).isEqualTo(before);
    }

    @Test
    void embed_equalsTheMatchingRowOfABatch() {
        ProjectionHead head = ProjectionHead.create(12, new int[] {20, 16}, 64, Activation.SIGMOID, 8);
        INDArray batch = GradientCheck.gaussian(3, 12, 3).castTo(DataType.FLOAT);
        float[] single = head.embed(batch.getRow(1).toFloatVector());
        float[] fromBatch = head.forward(batch).getRow(1).toFloatVector();
        for (int j = 0; j < single.length; j++) {
            assertThat(single[j]).isCloseTo(fromBatch[j], within(1e-6f));
        }
    }

    @Test
    void exportedWeights_rebuildAHeadWithIdenticalOutputs() {
        ProjectionHead head = ProjectionHead.create(9, new int[] {16, 12}, 64, Activation.GELU, 21);
        ProjectionHead rebuilt = ProjectionHead.fromWeights(head.layerDims(), head.activation(), head.exportWeights());
        INDArray x = GradientCheck.gaussian(5, 9, 4).castTo(DataType.FLOAT);
        assertThat(rebuilt.forward(x)).isEqualTo(head.forward(x));
        assertThat(rebuilt.layerDims()).containsExactly(9, 16, 12, 64);
    }

    @Test
    void exportedWeights_areRowMajorInputByOutput() {
        ProjectionHead head = ProjectionHead.initialised(new int[] {2, 3}, Activation.RELU, 5, DataType.FLOAT, false);
        List<float[]> exported = head.exportWeights();
        INDArray w = head.params().get(0);
        assertThat(exported.get(0)[1 * 3 + 2]).isEqualTo(w.getFloat(1, 2));
        assertThat(exported.get(1)).hasSize(3);
    }

    @Test
    void initialisation_followsNnLinearBounds() {
        ProjectionHead head = ProjectionHead.create(100, new int[0], 64, Activation.GELU, 6);
        INDArray w = head.params().get(0);
        assertThat(w.amaxNumber().doubleValue()).isLessThanOrEqualTo(0.1).isGreaterThan(0.09);
        assertThat(Math.abs(w.meanNumber().doubleValue())).isLessThan(0.005);
    }

    @Test
    void create_rejectsAProjectionDimensionOutsideTheDesignRange() {
        assertThatThrownBy(() -> ProjectionHead.create(10, new int[0], 32, Activation.GELU, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[64, 1024], found 32");
    }

    @Test
    void fromWeights_namesTheLayerWhoseArraysHaveTheWrongSize() {
        List<float[]> weights = List.of(new float[6], new float[3], new float[5], new float[1]);
        assertThatThrownBy(() -> ProjectionHead.fromWeights(new int[] {2, 3, 1}, Activation.RELU, weights))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 1: expected 3 weights");
    }

    @Test
    void forward_namesTheExpectedInputWidth() {
        ProjectionHead head = ProjectionHead.initialised(new int[] {4, 2}, Activation.RELU, 1, DataType.FLOAT, true);
        assertThatThrownBy(() -> head.forward(Nd4j.zeros(DataType.FLOAT, 2, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected input [batch, 4], found [2, 5]");
    }

    @Test
    void copy_isIndependentOfTheOriginal() {
        ProjectionHead head = ProjectionHead.initialised(new int[] {3, 2}, Activation.RELU, 1, DataType.DOUBLE, true);
        ProjectionHead copy = head.copy();
        copy.params().get(0).addi(1.0);
        assertThat(head.params().get(0)).isNotEqualTo(copy.params().get(0));
    }
}

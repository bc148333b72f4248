package io.liquidstream.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/** The plain-Java copy of a head embeds exactly what the ND4J head does. */
class FrozenHeadTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void givenOneToThreeLayers_theFrozenHeadMatchesTheNd4jForwardPass(Activation activation) {
        SplittableRandom random = new SplittableRandom(5);
        for (int[] hidden : new int[][] {{}, {96}, {128, 80}}) {
            ProjectionHead head = ProjectionHead.create(200, hidden, 64, activation, 3);
            FrozenHead frozen = FrozenHead.of(head);
            for (int k = 0; k < 5; k++) {
                float[] features = new float[200];
                for (int i = 0; i < features.length; i++) {
                    // firing rates: mostly silent neurons, some active
                    features[i] = random.nextInt(4) == 0 ? (float) random.nextDouble() : 0f;
                }

                float[] expected = head.forward(Nd4j.create(features, new long[] {1, 200}, DataType.FLOAT)).toFloatVector();
                float[] actual = frozen.embed(features);

                assertThat(actual).hasSize(64);
                for (int j = 0; j < 64; j++) {
                    assertThat(actual[j]).as("%s, hidden %s, output %d", activation, hidden.length, j)
                            .isCloseTo(expected[j], Offset.offset(2e-5f));
                }
            }
        }
    }

    @Test
    void givenAHeadWithoutNormalisation_theOutputIsLeftUnscaled() {
        ProjectionHead head = ProjectionHead.create(10, new int[0], 64, Activation.RELU, 1, DataType.FLOAT, false);
        float[] features = new float[10];
        features[3] = 5f;

        float[] expected = head.forward(Nd4j.create(features, new long[] {1, 10}, DataType.FLOAT)).toFloatVector();

        assertThat(FrozenHead.of(head).embed(features)).containsExactly(expected, Offset.offset(1e-5f));
    }

    @Test
    void laterTrainingOfTheHeadDoesNotReachTheFrozenCopy() {
        ProjectionHead head = ProjectionHead.create(10, new int[0], 64, Activation.GELU, 1);
        FrozenHead frozen = FrozenHead.of(head);
        float[] features = new float[10];
        features[0] = 1f;
        float[] before = frozen.embed(features);

        head.params().get(0).addi(1.0);

        assertThat(frozen.embed(features)).containsExactly(before);
    }

    @Test
    void aHeadBuiltFromPlainArraysEmbedsAsTheNd4jHeadBuiltFromThem() {
        ProjectionHead trained = ProjectionHead.create(20, new int[] {16}, 64, Activation.TANH, 9);
        FrozenHead fromArrays = FrozenHead.fromWeights(trained.layerDims(), Activation.TANH, trained.exportWeights(), true);
        float[] features = new float[20];
        features[7] = 0.25f;

        assertThat(fromArrays.embed(features)).containsExactly(FrozenHead.of(trained).embed(features));
    }

    @Test
    void givenArraysThatDoNotFitTheLayers_buildingIsRefusedNamingTheLayer() {
        java.util.List<float[]> weights = java.util.List.of(new float[20 * 64], new float[63]);

        assertThatThrownBy(() -> FrozenHead.fromWeights(new int[] {20, 64}, Activation.GELU, weights, true))
                .hasMessageContaining("layer 0: expected 1280 weights and 64 biases, found 1280 and 63");
    }

    @Test
    void givenTheWrongNumberOfFeatures_embeddingIsRefusedNamingBoth() {
        FrozenHead frozen = FrozenHead.of(ProjectionHead.create(10, new int[0], 64, Activation.GELU, 1));

        assertThatThrownBy(() -> frozen.embed(new float[9])).hasMessageContaining("expected 10 features, found 9");
    }
}

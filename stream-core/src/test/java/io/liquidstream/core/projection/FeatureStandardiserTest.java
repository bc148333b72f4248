package io.liquidstream.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

@ExtendWith(SingleThreadedNd4j.class)
class FeatureStandardiserTest {

    @Test
    void givenTrainingRows_standardisedColumnsHaveZeroMeanAndUnitSpread() {
        float[][] rows = {{0f, 10f}, {2f, 30f}, {4f, 20f}};
        FeatureStandardiser z = FeatureStandardiser.fit(rows, 1e-6);

        float[][] out = z.apply(rows);

        for (int col = 0; col < 2; col++) {
            double mean = 0;
            double sq = 0;
            for (float[] r : out) {
                mean += r[col] / 3.0;
                sq += r[col] * r[col] / 3.0;
            }
            assertThat(mean).as("mean of column %d", col).isCloseTo(0, within(1e-6));
            assertThat(sq).as("variance of column %d", col).isCloseTo(1, within(1e-5));
        }
        // (x - 2) / sqrt(8/3)
        assertThat(out[0][0]).isCloseTo((float) (-2 / Math.sqrt(8.0 / 3)), within(1e-6f));
    }

    @Test
    void givenColumnSilentInTraining_theFloorKeepsARunTimeSpikeBounded() {
        float[][] rows = {{0f, 1f}, {0f, 2f}, {0f, 3f}};
        FeatureStandardiser z = FeatureStandardiser.fit(rows, 0.01);

        float[] out = z.apply(new float[][] {{0.05f, 2f}})[0];

        assertThat(out[0]).isCloseTo(5f, within(1e-4f));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void givenHeadTrainedOnStandardisedFeatures_foldedHeadGivesTheSameEmbeddingsFromRawFeatures(int hidden) {
        SplittableRandom rng = new SplittableRandom(5);
        float[][] raw = new float[40][300];
        for (float[] r : raw) {
            for (int i = 0; i < r.length; i++) {
                // firing-rate-like: mostly small, a few busy columns, some never active
                r[i] = i % 7 == 0 ? 0f : (float) (rng.nextDouble() * (i % 5 == 0 ? 0.8 : 0.05));
            }
        }
        int[] hiddenDims = hidden == 0 ? new int[0] : hidden == 1 ? new int[] {32} : new int[] {32, 16};
        int[] dims = new int[hiddenDims.length + 2];
        dims[0] = 300;
        System.arraycopy(hiddenDims, 0, dims, 1, hiddenDims.length);
        dims[dims.length - 1] = 8;
        ProjectionHead head = ProjectionHead.initialised(dims, Activation.GELU, 9, DataType.FLOAT, true);
        FeatureStandardiser z = FeatureStandardiser.fit(raw, FeatureStandardiser.DEFAULT_FLOOR);

        ProjectionHead folded = z.foldInto(head);

        float[][] standardised = z.apply(raw);
        for (int r = 0; r < raw.length; r++) {
            float[] expected = head.embed(standardised[r]);
            float[] actual = folded.embed(raw[r]);
            for (int j = 0; j < expected.length; j++) {
                assertThat(actual[j]).as("row %d, dim %d", r, j).isCloseTo(expected[j], within(2e-5f));
            }
        }
        assertThat(folded.layerDims()).isEqualTo(head.layerDims());
    }

    @Test
    void givenHeadOfAnotherWidth_foldIsRefused() {
        FeatureStandardiser z = FeatureStandardiser.fit(new float[][] {{1f, 2f}}, 0.01);
        ProjectionHead head = ProjectionHead.initialised(new int[] {3, 4}, Activation.GELU, 1, DataType.FLOAT, true);

        assertThatThrownBy(() -> z.foldInto(head)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3").hasMessageContaining("2");
    }
}

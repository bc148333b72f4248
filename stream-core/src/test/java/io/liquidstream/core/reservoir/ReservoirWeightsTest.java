package io.liquidstream.core.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReservoirWeightsTest {

    @Test
    void rowMajorMatricesRoundTripAndAreCopied() {
        float[] input = {1, 2, 3, 4, 5, 6};
        float[] recurrent = {7, 8, 9, 10};
        ReservoirWeights w = new ReservoirWeights(3, 2, input, recurrent, 0);
        input[0] = 99;

        assertThat(w.input(0, 0)).isEqualTo(1f);
        assertThat(w.input(2, 1)).isEqualTo(6f);
        assertThat(w.recurrent(1, 0)).isEqualTo(9f);
        assertThat(w.inputMatrix()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(w.recurrentMatrix()).containsExactly(7, 8, 9, 10);
    }

    @Test
    void givenMatrixOfWrongLength_constructionNamesExpectedAndFoundSizes() {
        assertThatThrownBy(() -> new ReservoirWeights(3, 2, new float[5], new float[4], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3x2=6")
                .hasMessageContaining("found 5");
    }

    @Test
    void givenNegativeReadNoise_constructionFails() {
        assertThatThrownBy(() -> new ReservoirWeights(1, 1, new float[1], new float[1], -0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.1");
    }
}

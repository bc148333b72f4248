package io.liquidstream.connectors.synth.strokes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StrokeTemplatesTest {

    @Test
    void templatesCoverTheTenDigitsAndTheTwentySixLetters() {
        assertThat(StrokeTemplates.classes()).isEqualTo(36);
        for (int label = 0; label < 36; label++) {
            assertThat(StrokeTemplates.template(label).size()).as("label %d", label).isGreaterThan(50);
        }
    }

    @Test
    void labelsZeroToNineAreTheDigitsAndTenToThirtyFiveTheLetters() {
        assertThat(StrokeTemplates.character(0)).isEqualTo('0');
        assertThat(StrokeTemplates.character(9)).isEqualTo('9');
        assertThat(StrokeTemplates.character(10)).isEqualTo('a');
        assertThat(StrokeTemplates.character(32)).isEqualTo('w');
        assertThat(StrokeTemplates.character(35)).isEqualTo('z');
        for (int label = 0; label < 36; label++) {
            assertThat(StrokeTemplates.label(StrokeTemplates.character(label))).isEqualTo(label);
        }
    }

    @Test
    void givenACharacterWithoutTemplate_labelNamesWhatExists() {
        assertThatThrownBy(() -> StrokeTemplates.label('A'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a-z").hasMessageContaining("'A'");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void everyTemplateStaysInsideTheUnitBox(int digit) {
        PenTrajectory t = StrokeTemplates.template(digit);
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.x(i)).as("digit %d x at %d", digit, i).isBetween(0.0, 1.0);
            assertThat(t.y(i)).as("digit %d y at %d", digit, i).isBetween(0.0, 1.0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void writingADigitTakesHalfToOneAndAHalfSecondsSampledAtLeastAt100Hz(int digit) {
        PenTrajectory t = StrokeTemplates.template(digit);

        assertThat(t.durationSeconds()).isBetween(0.5, 1.5);
        assertThat(t.sampleRateHz()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void fourAndFiveLiftThePenOnceAndTheOtherDigitsNever() {
        for (int d = 0; d < 10; d++) {
            int expected = d == 4 || d == 5 ? 1 : 0;
            assertThat(StrokeTemplates.template(d).penUpMoves()).as("digit %d", d).isEqualTo(expected);
        }
    }

    @Test
    void aTemplateStartsAndEndsWithThePenDown() {
        PenTrajectory four = StrokeTemplates.template(4);

        assertThat(four.penDown(0)).isTrue();
        assertThat(four.penDown(four.size() - 1)).isTrue();
    }

    @Test
    void thePenSlowsDownInTheCornerOfASeven() {
        PenTrajectory seven = StrokeTemplates.template(7);
        double[] speed = seven.speed();
        int corner = 0;
        for (int i = 0; i < seven.size(); i++) {
            // The corner is the right-most top point of the bar.
            if (seven.y(i) < 0.2 && seven.x(i) > seven.x(corner)) {
                corner = i;
            }
        }
        double peak = 0;
        for (double s : speed) {
            peak = Math.max(peak, s);
        }

        assertThat(speed[corner]).isLessThan(0.5 * peak);
    }

    @Test
    void givenAnUnknownLabel_templateNamesTheRange() {
        assertThatThrownBy(() -> StrokeTemplates.template(36))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..35").hasMessageContaining("36");
        assertThatThrownBy(() -> StrokeTemplates.template(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..35");
    }
}

package io.liquidstream.connectors.synth.strokes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CharacterSetTest {

    @Test
    void givenEachSet_labelsAreItsCharactersInOneMappingForAllSets() {
        assertThat(CharacterSet.DIGITS.labels()).containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
        assertThat(CharacterSet.LETTERS.labels()).containsExactlyElementsOf(IntStream.range(10, 36).boxed().toList());
        assertThat(CharacterSet.ALL.labels()).containsExactlyElementsOf(IntStream.range(0, 36).boxed().toList());
        assertThat(CharacterSet.LETTERS.labels()).extracting(StrokeTemplates::character)
                .containsExactlyElementsOf("abcdefghijklmnopqrstuvwxyz".chars().mapToObj(c -> (char) c).toList());
    }

    @Test
    void givenALabel_containsTellsWhetherTheSetHoldsIt() {
        assertThat(CharacterSet.DIGITS.contains(9)).isTrue();
        assertThat(CharacterSet.DIGITS.contains(10)).isFalse();
        assertThat(CharacterSet.LETTERS.contains(9)).isFalse();
        assertThat(CharacterSet.LETTERS.contains(35)).isTrue();
        assertThat(CharacterSet.LETTERS.contains(36)).isFalse();
        assertThat(CharacterSet.ALL.contains(0)).isTrue();
        assertThat(CharacterSet.ALL.contains(-1)).isFalse();
    }
}

package io.liquidstream.connectors.synth.strokes;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Which characters a stroke data set holds. A label always names the same character, whatever the
 * set: digits {@code 0}..{@code 9} are labels 0-9 and lower-case letters {@code a}..{@code z} are
 * labels 10-35 ({@code a} = 10, {@code z} = 35), so {@link #LETTERS} holds labels 10-35 only.
 */
public enum CharacterSet {
    /** The digits 0-9, labels 0-9. */
    DIGITS(0, StrokeTemplates.DIGITS),
    /** The lower-case letters a-z, labels 10-35. */
    LETTERS(StrokeTemplates.DIGITS, StrokeTemplates.LETTERS),
    /** Digits and letters, labels 0-35. */
    ALL(0, StrokeTemplates.DIGITS + StrokeTemplates.LETTERS);

    private final int first;
    private final int count;

    CharacterSet(int first, int count) {
        this.first = first;
        this.count = count;
    }

    /** The labels of the set, ascending. */
    public List<Integer> labels() {
        return IntStream.range(first, first + count).boxed().toList();
    }

    public boolean contains(int label) {
        return label >= first && label < first + count;
    }
}

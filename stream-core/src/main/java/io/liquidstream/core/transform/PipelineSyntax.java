package io.liquidstream.core.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the compact textual pipeline form {@code stage(arg,...)|stage(arg,...)|...} used to record
 * input specs in model files. Stage names are lower-case identifiers (letters, digits, {@code -},
 * {@code _}); arguments are decimal integers; whitespace between tokens is ignored; a stage
 * without arguments may omit the parentheses.
 */
public final class PipelineSyntax {

    private final String text;
    private int pos;

    private PipelineSyntax(String text) {
        this.text = text;
    }

    /**
     * Splits a pipeline into its stages.
     *
     * @throws IllegalArgumentException naming the character offset and what was expected there
     */
    public static List<StageCall> parse(String text) {
        return parse(text, 0);
    }

    /** As {@link #parse(String)}, reading {@code text} from character {@code from} on. */
    public static List<StageCall> parse(String text, int from) {
        if (text == null) {
            throw new IllegalArgumentException("pipeline text must not be null");
        }
        PipelineSyntax syntax = new PipelineSyntax(text);
        syntax.pos = from;
        return syntax.stages();
    }

    /** Formats one stage in the canonical form read by {@link #parse(String)}. */
    public static String format(String name, long... args) {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < args.length; i++) {
            sb.append(i > 0 ? "," : "").append(args[i]);
        }
        return sb.append(')').toString();
    }

    /** An error that points at character {@code offset} of {@code text}. */
    public static IllegalArgumentException error(String text, int offset, String message) {
        return new IllegalArgumentException(message + " at character " + offset + " of pipeline '" + text + "'");
    }

    private List<StageCall> stages() {
        List<StageCall> stages = new ArrayList<>();
        skipSpace();
        if (pos == text.length()) {
            return stages;
        }
        stages.add(stage());
        while (skipSpace() < text.length()) {
            expect('|');
            stages.add(stage());
        }
        return stages;
    }

    private StageCall stage() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error(text, pos, "expected a stage name, found " + found());
        }
        String name = text.substring(start, pos);
        List<Long> args = new ArrayList<>();
        if (skipSpace() < text.length() && text.charAt(pos) == '(') {
            pos++;
            if (skipSpace() < text.length() && text.charAt(pos) == ')') {
                pos++;
            } else {
                args.add(number());
                while (skipSpace() < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    args.add(number());
                }
                expect(')');
            }
        }
        return new StageCall(name, args, start, text);
    }

    private long number() {
        skipSpace();
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        String digits = text.substring(start, pos);
        if (digits.isEmpty() || digits.equals("-")) {
            pos = start;
            throw error(text, start, "expected an integer, found " + found());
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error(text, start, "expected an integer that fits 64 bits, found '" + digits + "'");
        }
    }

    private void expect(char c) {
        if (skipSpace() >= text.length() || text.charAt(pos) != c) {
            throw error(text, pos, "expected '" + c + "', found " + found());
        }
        pos++;
    }

    private int skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private String found() {
        return pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of text";
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}

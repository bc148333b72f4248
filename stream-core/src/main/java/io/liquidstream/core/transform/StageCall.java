package io.liquidstream.core.transform;

import java.util.List;

/**
 * One parsed stage of a textual input pipeline, such as {@code crop(16,16)}: a name, its integer
 * arguments, and where it started in the text (for error messages).
 *
 * @param name the stage name, lower case
 * @param args the integer arguments in order
 * @param offset zero-based character offset of the stage name in {@code text}
 * @param text the whole pipeline text the stage was read from
 */
public record StageCall(String name, List<Long> args, int offset, String text) {

    public StageCall {
        args = List.copyOf(args);
    }

    /** @throws IllegalArgumentException unless the stage has exactly {@code count} arguments */
    public void requireArity(int count, String usage) {
        if (args.size() != count) {
            throw error("expected " + usage + " with " + count + " argument" + (count == 1 ? "" : "s")
                    + ", found " + args.size());
        }
    }

    /** Argument {@code i} as a long of at least {@code min}. */
    public long longArg(int i, long min) {
        long v = args.get(i);
        if (v < min) {
            throw error("expected argument " + (i + 1) + " of " + name + " to be at least " + min + ", found " + v);
        }
        return v;
    }

    /** Argument {@code i} as an int of at least {@code min}. */
    public int intArg(int i, int min) {
        long v = longArg(i, min);
        if (v > Integer.MAX_VALUE) {
            throw error("expected argument " + (i + 1) + " of " + name + " to fit an int, found " + v);
        }
        return (int) v;
    }

    /** An error that points at this stage in its text. */
    public IllegalArgumentException error(String message) {
        return PipelineSyntax.error(text, offset, message);
    }
}

package io.liquidstream.connectors.format.prophesee;

import java.io.IOException;

/**
 * The EVT_TIME_HIGH counter of an EVT stream: {@code bits} wide, so it wraps. Reading, a drop of more than
 * half its range counts as a wrap, as Prophesee's decoders count it, giving a 64-bit counter; writing, a
 * time past the range is reached through wraps, a maximal word followed by zero each, which a reader counts.
 */
final class TimeHigh {

    /** Where a writer's time-high words go. */
    interface Words {
        void write(int value) throws IOException;
    }

    private final int bits;
    private final long max;
    private boolean known;
    private long value;
    private long wraps;

    TimeHigh(int bits) {
        this.bits = bits;
        this.max = (1L << bits) - 1;
    }

    /** Takes the value of a time-high word read. */
    void read(long next) {
        if (known && next < value && value - next > max / 2) {
            wraps += 1L << bits;
        }
        value = next;
        known = true;
    }

    /** Whether a time-high word has been read: events before it have no complete time. */
    boolean known() {
        return known;
    }

    /** The counter with its wraps, in time-high units. */
    long unwrapped() {
        return wraps + value;
    }

    /**
     * Writes the time-high words that take a reader at the unwrapped {@code from} (-1: before any) to
     * {@code target}.
     */
    static void write(long from, long target, int bits, Words out) throws IOException {
        int max = (1 << bits) - 1;
        for (long wrap = Math.max(from, 0) >>> bits; wrap < target >>> bits; wrap++) {
            out.write(max);
            out.write(0);
        }
        out.write((int) (target & max));
    }
}

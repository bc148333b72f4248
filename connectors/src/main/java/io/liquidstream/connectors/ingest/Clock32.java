package io.liquidstream.connectors.ingest;

/**
 * Unwraps a 32-bit microsecond clock into 64 bits. It wraps every 71.6 minutes; a step back of more than
 * half its range (2^31 us, 35.8 minutes) is taken for a wrap, as AEStream's own UDP reader does, a smaller
 * step back for an out-of-order time (left as it is, to be judged late downstream).
 */
final class Clock32 {

    private static final long RANGE = 1L << 32;
    private static final long HALF = 1L << 31;

    private long epoch;
    private long last = -1;

    /** The 64-bit time of {@code raw}, an unsigned 32-bit value read after those before. */
    long unwrap(long raw) {
        if (last >= 0 && last - raw > HALF) {
            epoch += RANGE;
        }
        last = raw;
        return epoch + raw;
    }

    /** A copy to try a datagram on; {@link #set} commits it once the datagram is accepted. */
    Clock32 copy() {
        Clock32 c = new Clock32();
        c.set(this);
        return c;
    }

    void set(Clock32 other) {
        epoch = other.epoch;
        last = other.last;
    }
}

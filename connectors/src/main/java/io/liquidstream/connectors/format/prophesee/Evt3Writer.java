package io.liquidstream.connectors.format.prophesee;

import io.liquidstream.connectors.format.ChunkedEventWriter;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes CD events as a Prophesee RAW file in EVT 3.0 encoding (see {@link Evt3Reader}), chunk by chunk.
 *
 * <p>Time and row words are written only when they change. Events sharing time, row and polarity whose x
 * increase within a 12-pixel window become one vector (VECT_8 when they fit 8 pixels), preceded by
 * VECT_BASE_X unless the previous vector already left the base there; any other event is a single
 * EVT_ADDR_X. Times past the 24-bit range are written as wraps (a maximal time-high word followed by
 * zero), which the reader counts.
 */
public final class Evt3Writer extends ChunkedEventWriter {

    private static final int HALF_MAX = (1 << Evt3Reader.HALF_BITS) - 1;

    private final ByteSink out;
    /** Time bits 12 and up (wraps included) of the last EVT_TIME_HIGH, -1 before the first. */
    private long high = -1;
    private int low;
    private int y = -1;
    /** Where the reader's vector base stands, -1 when unknown. */
    private int baseX = -1;
    private int basePolarity;

    private Evt3Writer(ByteSink out, SensorGeometry geometry) {
        super(geometry, out, 0, Long.MAX_VALUE);
        this.out = out;
    }

    /** Creates {@code file} with a header stating {@code geometry} (at most 2048x2048). */
    public static Evt3Writer create(Path file, SensorGeometry geometry) throws IOException {
        return new Evt3Writer(RawFiles.create(file, geometry, "3.0", "EVT3"), geometry);
    }

    /** Writes {@code events} to a new file in one go. */
    public static void write(Path file, Events events) throws IOException {
        writeAll(create(file, events.geometry()), events);
    }

    @Override
    protected void encode(Events events) throws IOException {
        int i = 0;
        while (i < events.size()) {
            moveTime(events.t(i));
            if (events.y(i) != y) {
                y = events.y(i);
                word(Evt3Reader.ADDR_Y, y);
            }
            int end = vectorEnd(events, i);
            if (end - i == 1) {
                word(Evt3Reader.ADDR_X, events.p(i) << 11 | events.x(i));
            } else {
                writeVector(events, i, end);
            }
            i = end;
        }
    }

    /** End (exclusive) of the run from {@code start} that one vector word can hold. */
    private static int vectorEnd(Events events, int start) {
        int end = start + 1;
        while (end < events.size() && events.t(end) == events.t(start) && events.y(end) == events.y(start)
                && events.p(end) == events.p(start) && events.x(end) > events.x(end - 1)
                && events.x(end) - events.x(start) < 12) {
            end++;
        }
        return end;
    }

    private void writeVector(Events events, int start, int end) throws IOException {
        int x0 = events.x(start);
        int p = events.p(start);
        if (x0 != baseX || p != basePolarity) {
            word(Evt3Reader.VECT_BASE_X, p << 11 | x0);
            basePolarity = p;
        }
        int mask = 0;
        for (int k = start; k < end; k++) {
            mask |= 1 << (events.x(k) - x0);
        }
        boolean eight = events.x(end - 1) - x0 < 8;
        word(eight ? Evt3Reader.VECT_8 : Evt3Reader.VECT_12, mask);
        baseX = x0 + (eight ? 8 : 12);
    }

    private void moveTime(long t) throws IOException {
        long target = t >>> Evt3Reader.HALF_BITS;
        if (target != high) {
            TimeHigh.write(high, target, Evt3Reader.HALF_BITS, v -> word(Evt3Reader.TIME_HIGH, v));
            high = target;
            low = 0;
        }
        int targetLow = (int) (t & HALF_MAX);
        if (targetLow != low) {
            word(Evt3Reader.TIME_LOW, targetLow);
            low = targetLow;
        }
    }

    private void word(int type, int payload) throws IOException {
        out.u16(type << 12 | payload);
    }
}

package io.liquidstream.connectors.format.prophesee;

import io.liquidstream.connectors.format.ChunkedEventWriter;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes CD events as a Prophesee RAW file in EVT 2.0 encoding (see {@link Evt2Reader}), chunk by chunk:
 * one EVT_TIME_HIGH word whenever the time's bits 6 and up change, then one CD word per event. Times past
 * the 34-bit range are written as wraps (a maximal time-high word followed by zero), which the reader counts.
 */
public final class Evt2Writer extends ChunkedEventWriter {

    private final ByteSink out;
    /** Time bits 6 and up (wraps included) of the last EVT_TIME_HIGH written, -1 before the first. */
    private long high = -1;

    private Evt2Writer(ByteSink out, SensorGeometry geometry) {
        super(geometry, out, 0, Long.MAX_VALUE);
        this.out = out;
    }

    /** Creates {@code file} with a header stating {@code geometry} (at most 2048x2048). */
    public static Evt2Writer create(Path file, SensorGeometry geometry) throws IOException {
        return new Evt2Writer(RawFiles.create(file, geometry, "2.0", "EVT2"), geometry);
    }

    /** Writes {@code events} to a new file in one go. */
    public static void write(Path file, Events events) throws IOException {
        writeAll(create(file, events.geometry()), events);
    }

    @Override
    protected void encode(Events events) throws IOException {
        for (int i = 0; i < events.size(); i++) {
            long t = events.t(i);
            moveTimeHigh(t >>> Evt2Reader.LOW_BITS);
            int type = events.p(i) == 1 ? Evt2Reader.CD_ON : Evt2Reader.CD_OFF;
            out.s32(type << 28 | (int) (t & 0x3f) << 22 | events.x(i) << 11 | events.y(i));
        }
    }

    private void moveTimeHigh(long target) throws IOException {
        if (target == high) {
            return;
        }
        TimeHigh.write(high, target, Evt2Reader.HIGH_BITS, this::timeHigh);
        high = target;
    }

    private void timeHigh(int value) throws IOException {
        out.s32(Evt2Reader.TIME_HIGH << 28 | value);
    }
}

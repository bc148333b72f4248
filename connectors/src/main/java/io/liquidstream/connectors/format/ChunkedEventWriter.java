package io.liquidstream.connectors.format;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.Closeable;
import java.io.IOException;

/**
 * The skeleton of a streaming event file writer: {@link #write(Events)} checks a whole chunk against the
 * sensor, the format's time range and the times already written before the format {@link #encode}s any of
 * it, so a rejected chunk writes nothing. {@link #close()} closes the output.
 */
public abstract class ChunkedEventWriter implements Closeable {

    /** The sensor every event written must lie on. */
    protected final SensorGeometry geometry;
    private final Closeable out;
    private final long minTime;
    private final long timeLimit;
    private long lastTime = Long.MIN_VALUE;

    /**
     * @param minTime the earliest time the format holds (0, or {@link Long#MIN_VALUE} for any)
     * @param timeLimit times must lie below this ({@link Long#MAX_VALUE} for any)
     */
    protected ChunkedEventWriter(SensorGeometry geometry, Closeable out, long minTime, long timeLimit) {
        this.geometry = geometry;
        this.out = out;
        this.minTime = minTime;
        this.timeLimit = timeLimit;
    }

    /** Encodes a chunk that passed the checks. */
    protected abstract void encode(Events events) throws IOException;

    /**
     * Appends {@code events} after those already written.
     *
     * @throws IllegalArgumentException if an address lies outside the geometry or a time lies outside the
     *     format's range or before the previous event's; nothing of the chunk is written then
     */
    public final void write(Events events) throws IOException {
        long last = requireWritable(events);
        encode(events);
        lastTime = last;
    }

    /** Writes {@code events} with a new {@code writer} and closes it: a file in one go. */
    public static void writeAll(ChunkedEventWriter writer, Events events) throws IOException {
        try (writer) {
            writer.write(events);
        }
    }

    /** The time of the last event written, {@link Long#MIN_VALUE} before the first. */
    protected final long lastTime() {
        return lastTime;
    }

    private long requireWritable(Events events) {
        long previous = Math.max(minTime, lastTime);
        for (int i = 0; i < events.size(); i++) {
            if (!geometry.contains(events.x(i), events.y(i), events.p(i))) {
                throw new IllegalArgumentException("event " + i + " address (x=" + events.x(i) + ", y="
                        + events.y(i) + ", p=" + events.p(i) + ") lies outside the writer's sensor " + geometry);
            }
            long t = events.t(i);
            if (t < previous) {
                throw new IllegalArgumentException("event " + i + " time " + t + " us is before " + previous
                        + " us; expected " + (minTime == 0 ? "non-negative, " : "") + "non-decreasing times across writes");
            }
            if (t >= timeLimit) {
                throw new IllegalArgumentException("event " + i + " time " + t + " us does not fit the format's "
                        + timeLimit + " us range");
            }
            previous = t;
        }
        return events.isEmpty() ? lastTime : previous;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

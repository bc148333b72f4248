package io.liquidstream.connectors.format;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Collects the events of one {@link EventFileReader#next(int)} call, validating each as it arrives, and
 * carries a file's damage over to the following call so the events before it are delivered first.
 *
 * <p>A reader calls {@link #begin(int)}, adds decoded events until {@link #isFull()} or the input ends,
 * and returns {@link #end()}; when decoding hits damage it returns {@link #endWith(EventFormatException)}.
 */
public final class EventChunk {

    private static final int INITIAL_CAPACITY = 4096;

    private final Path file;
    private final SensorGeometry geometry;
    private long[] t = new long[0];
    private int[] x = new int[0];
    private int[] y = new int[0];
    private byte[] p = new byte[0];
    private int size;
    private int limit;
    private long total;
    private long lastTime = Long.MIN_VALUE;
    private EventFormatException damage;

    public EventChunk(Path file, SensorGeometry geometry) {
        this.file = file;
        this.geometry = geometry;
    }

    public SensorGeometry geometry() {
        return geometry;
    }

    /**
     * Starts a chunk of at most {@code maxEvents} events.
     *
     * @throws EventFormatException the damage met by the previous call, once its events were delivered
     */
    public void begin(int maxEvents) throws EventFormatException {
        if (maxEvents <= 0) {
            throw new IllegalArgumentException("maxEvents must be positive, found " + maxEvents);
        }
        if (damage != null) {
            throw damage;
        }
        size = 0;
        limit = maxEvents;
    }

    public boolean isFull() {
        return size >= limit;
    }

    /** Events delivered in all chunks so far plus the current one. */
    public long total() {
        return total;
    }

    /**
     * Appends one event decoded at byte {@code offset}.
     *
     * @throws EventFormatException if the address lies outside the geometry or time goes backwards
     */
    public void add(long time, int xx, int yy, int pol, long offset) throws EventFormatException {
        if (!geometry.contains(xx, yy, pol)) {
            throw damage(offset, "event address (x=" + xx + ", y=" + yy + ", p=" + pol + ") lies outside the sensor "
                    + geometry.width() + "x" + geometry.height() + "x" + geometry.polarities());
        }
        if (time < lastTime) {
            throw damage(offset, "time goes backwards to " + time + " us after " + lastTime
                    + " us; expected non-decreasing times");
        }
        if (size == t.length) {
            int capacity = (int) Math.min(limit, Math.max(INITIAL_CAPACITY, 2L * t.length));
            t = Arrays.copyOf(t, capacity);
            x = Arrays.copyOf(x, capacity);
            y = Arrays.copyOf(y, capacity);
            p = Arrays.copyOf(p, capacity);
        }
        t[size] = time;
        x[size] = xx;
        y[size] = yy;
        p[size] = (byte) pol;
        size++;
        total++;
        lastTime = time;
    }

    /** A damage report at {@code offset} that says how many intact events precede it. */
    public EventFormatException damage(long offset, String detail) {
        return EventFormatException.atOffset(file, offset, detail + " (" + total + " complete events precede it)");
    }

    /** The chunk, or {@code null} when it is empty (end of file). */
    public Events end() {
        if (size == 0) {
            return null;
        }
        return Events.of(geometry, Arrays.copyOf(t, size), Arrays.copyOf(x, size), Arrays.copyOf(y, size),
                Arrays.copyOf(p, size));
    }

    /**
     * Ends the chunk at {@code found}: returns the events before it and throws it on the next {@link #begin},
     * or throws it now when no event precedes it in this chunk.
     */
    public Events endWith(EventFormatException found) throws EventFormatException {
        damage = found;
        if (size == 0) {
            throw found;
        }
        return end();
    }
}

package io.liquidstream.connectors.format;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.nio.file.Path;

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
    private Events.Builder events;
    private int limit;
    private long total;
    private long lastTime = Long.MIN_VALUE;
    private EventFormatException damage;

    public EventChunk(Path file, SensorGeometry geometry) {
        this.file = file;
        this.geometry = geometry;
        this.events = Events.builder(geometry, 0);
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
        events = Events.builder(geometry, Math.min(maxEvents, INITIAL_CAPACITY));
        limit = maxEvents;
    }

    public boolean isFull() {
        return events.size() >= limit;
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
        events.add(time, xx, yy, pol);
        total++;
        lastTime = time;
    }

    /** A damage report at {@code offset} that says how many intact events precede it. */
    public EventFormatException damage(long offset, String detail) {
        return EventFormatException.atOffset(file, offset, detail + " (" + total + " complete events precede it)");
    }

    /** The chunk, or {@code null} when it is empty (end of file). */
    public Events end() {
        return events.size() == 0 ? null : events.build();
    }

    /**
     * Ends the chunk at {@code found}: returns the events before it and throws it on the next {@link #begin},
     * or throws it now when no event precedes it in this chunk.
     */
    public Events endWith(EventFormatException found) throws EventFormatException {
        damage = found;
        if (events.size() == 0) {
            throw found;
        }
        return end();
    }
}

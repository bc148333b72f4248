package io.liquidstream.connectors.format.aedat;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Turns a format decoder into {@code next(maxEvents)} chunks: collects the events the decoder appends,
 * checks each against the sensor and time order, and holds back damage until the events before it are
 * delivered.
 *
 * <p>Damage is sticky: once a chunk ended at damage, every later {@link #next(int)} throws it again.
 */
final class EventChunker {

    /** Decodes the next events of one file into a chunker. */
    interface Decoder {
        /**
         * Appends events until {@link EventChunker#isFull()} or the data ends.
         *
         * @return false if the end of the data was reached
         * @throws EventFormatException at damage; events appended before it are still delivered
         */
        boolean fill(EventChunker out) throws IOException;
    }

    private static final int INITIAL_CAPACITY = 8192;

    private final Path file;
    private final SensorGeometry geometry;
    private final Decoder decoder;
    private long lastTime = Long.MIN_VALUE;
    private long delivered;
    private EventFormatException damage;
    private boolean ended;

    private long[] t;
    private int[] x;
    private int[] y;
    private byte[] p;
    private int size;
    private int limit;

    EventChunker(Path file, SensorGeometry geometry, Decoder decoder) {
        this.file = file;
        this.geometry = geometry;
        this.decoder = decoder;
    }

    Events next(int maxEvents) throws IOException {
        if (maxEvents <= 0) {
            throw new IllegalArgumentException("maxEvents must be positive, found " + maxEvents);
        }
        if (damage != null) {
            throw damage;
        }
        if (ended) {
            return null;
        }
        begin(maxEvents);
        try {
            ended = !decoder.fill(this);
        } catch (EventFormatException e) {
            damage = e;
            if (size == 0) {
                throw e;
            }
        }
        if (size == 0) {
            return null;
        }
        delivered += size;
        Events chunk = Events.of(geometry, Arrays.copyOf(t, size), Arrays.copyOf(x, size), Arrays.copyOf(y, size),
                Arrays.copyOf(p, size));
        size = 0;
        return chunk;
    }

    boolean isFull() {
        return size == limit;
    }

    /**
     * Appends one event read at byte {@code offset}.
     *
     * @throws EventFormatException if the address lies outside the sensor or time goes backwards
     */
    void add(long time, int xx, int yy, int pol, long offset) throws EventFormatException {
        if (!geometry.contains(xx, yy, pol)) {
            throw damage(offset, "event address (x=" + xx + ", y=" + yy + ", p=" + pol + ") lies outside the "
                    + geometry.width() + "x" + geometry.height() + " sensor with " + geometry.polarities()
                    + " polarities");
        }
        if (time < lastTime) {
            throw damage(offset, "time goes backwards to " + time + " us after " + lastTime
                    + " us; expected non-decreasing times");
        }
        if (size == t.length) {
            int grown = (int) Math.min(limit, 2L * t.length);
            t = Arrays.copyOf(t, grown);
            x = Arrays.copyOf(x, grown);
            y = Arrays.copyOf(y, grown);
            p = Arrays.copyOf(p, grown);
        }
        t[size] = time;
        x[size] = xx;
        y[size] = yy;
        p[size] = (byte) pol;
        size++;
        lastTime = time;
    }

    /** Damage at {@code offset}, noting how many events of the file precede it. */
    EventFormatException damage(long offset, String detail) {
        return EventFormatException.atOffset(file, offset, detail + " (" + (delivered + size)
                + " events read before it)");
    }

    private void begin(int maxEvents) {
        limit = maxEvents;
        int capacity = Math.min(maxEvents, INITIAL_CAPACITY);
        if (t == null || t.length < capacity) {
            t = new long[capacity];
            x = new int[capacity];
            y = new int[capacity];
            p = new byte[capacity];
        }
        size = 0;
    }
}

package io.liquidstream.core.event;

import java.util.Arrays;

/**
 * An immutable, columnar run of address events from one source, in non-decreasing time order.
 *
 * <p>Columns are primitive arrays (time in microseconds, x, y, polarity) so that millions of events
 * cost a few bytes each. For one-dimensional sources (audio channels, electrodes) {@code x} is the
 * channel and {@code y} and {@code p} are zero.
 */
public final class Events {


    private final SensorGeometry geometry;
    private final long[] t;
    private final int[] x;
    private final int[] y;
    private final byte[] p;
    private final int size;

    private Events(SensorGeometry geometry, long[] t, int[] x, int[] y, byte[] p, int size) {
        this.geometry = geometry;
        this.t = t;
        this.x = x;
        this.y = y;
        this.p = p;
        this.size = size;
    }

    /**
     * Wraps the given columns without copying; the caller hands over ownership.
     *
     * @throws IllegalArgumentException if the columns differ in length, time decreases, or an
     *     address lies outside {@code geometry}
     */
    public static Events of(SensorGeometry geometry, long[] t, int[] x, int[] y, byte[] p) {
        int n = t.length;
        if (x.length != n || y.length != n || p.length != n) {
            throw new IllegalArgumentException("event columns differ in length: t=" + n + " x=" + x.length
                    + " y=" + y.length + " p=" + p.length);
        }
        for (int i = 0; i < n; i++) {
            if (i > 0 && t[i] < t[i - 1]) {
                throw new IllegalArgumentException(
                        "event times must not decrease: event " + i + " at " + t[i] + " us after " + t[i - 1] + " us");
            }
            if (!geometry.contains(x[i], y[i], p[i])) {
                throw new IllegalArgumentException("event " + i + " address (x=" + x[i] + ", y=" + y[i] + ", p=" + p[i]
                        + ") outside sensor " + geometry);
            }
        }
        return new Events(geometry, t, x, y, p, n);
    }

    public static Events empty(SensorGeometry geometry) {
        return new Events(geometry, new long[0], new int[0], new int[0], new byte[0], 0);
    }

    public static Builder builder(SensorGeometry geometry) {
        return new Builder(geometry, 1024);
    }

    public static Builder builder(SensorGeometry geometry, int expectedSize) {
        return new Builder(geometry, expectedSize);
    }

    public SensorGeometry geometry() {
        return geometry;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long t(int i) {
        return t[i];
    }

    public int x(int i) {
        return x[i];
    }

    public int y(int i) {
        return y[i];
    }

    public int p(int i) {
        return p[i];
    }

    /** Time of the first event; undefined (throws) when empty. */
    public long firstTime() {
        requireNonEmpty();
        return t[0];
    }

    /** Time of the last event; undefined (throws) when empty. */
    public long lastTime() {
        requireNonEmpty();
        return t[size - 1];
    }

    private void requireNonEmpty() {
        if (size == 0) {
            throw new IllegalStateException("no events");
        }
    }

    /** Copies of the columns, trimmed to {@link #size()}. */
    public long[] times() {
        return Arrays.copyOf(t, size);
    }

    public int[] xs() {
        return Arrays.copyOf(x, size);
    }

    public int[] ys() {
        return Arrays.copyOf(y, size);
    }

    public byte[] polarities() {
        return Arrays.copyOf(p, size);
    }

    /** The same events re-addressed to another geometry (validated). */
    public Events withGeometry(SensorGeometry other) {
        return of(other, times(), xs(), ys(), polarities());
    }

    @Override
    public String toString() {
        return "Events[" + size + " on " + geometry + (size > 0 ? ", " + t[0] + ".." + t[size - 1] + " us" : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Events e) || e.size != size || !e.geometry.equals(geometry)) {
            return false;
        }
        return Arrays.equals(t, 0, size, e.t, 0, size) && Arrays.equals(x, 0, size, e.x, 0, size)
                && Arrays.equals(y, 0, size, e.y, 0, size) && Arrays.equals(p, 0, size, e.p, 0, size);
    }

    @Override
    public int hashCode() {
        int h = geometry.hashCode();
        for (int i = 0; i < size; i++) {
            h = 31 * h + Long.hashCode(t[i]) + 7 * x[i] + 13 * y[i] + p[i];
        }
        return h;
    }

    /** Appends events one at a time, growing geometrically; validates on {@link #build()}. */
    public static final class Builder {
        private final SensorGeometry geometry;
        private long[] t;
        private int[] x;
        private int[] y;
        private byte[] p;
        private int size;

        private Builder(SensorGeometry geometry, int capacity) {
            this.geometry = geometry;
            int c = Math.max(16, capacity);
            t = new long[c];
            x = new int[c];
            y = new int[c];
            p = new byte[c];
        }

        public Builder add(long time, int xx, int yy, int pol) {
            if (size == t.length) {
                int c = t.length * 2;
                t = Arrays.copyOf(t, c);
                x = Arrays.copyOf(x, c);
                y = Arrays.copyOf(y, c);
                p = Arrays.copyOf(p, c);
            }
            t[size] = time;
            x[size] = xx;
            y[size] = yy;
            p[size] = (byte) pol;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        /** Builds, sorting by time first (stable) if events were appended out of order. */
        public Events build() {
            boolean sorted = true;
            for (int i = 1; i < size && sorted; i++) {
                sorted = t[i] >= t[i - 1];
            }
            if (!sorted) {
                sortByTime();
            }
            return of(geometry, Arrays.copyOf(t, size), Arrays.copyOf(x, size), Arrays.copyOf(y, size),
                    Arrays.copyOf(p, size));
        }

        private void sortByTime() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b]));
            long[] t2 = new long[size];
            int[] x2 = new int[size];
            int[] y2 = new int[size];
            byte[] p2 = new byte[size];
            for (int i = 0; i < size; i++) {
                int j = order[i];
                t2[i] = t[j];
                x2[i] = x[j];
                y2[i] = y[j];
                p2[i] = p[j];
            }
            t = t2;
            x = x2;
            y = y2;
            p = p2;
        }
    }
}

package io.liquidstream.core.transform;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.Arrays;

/** Fixed-capacity output columns for a transform that keeps at most as many events as it reads. */
final class EventColumns {

    private final long[] t;
    private final int[] x;
    private final int[] y;
    private final byte[] p;
    private int size;

    EventColumns(int capacity) {
        t = new long[capacity];
        x = new int[capacity];
        y = new int[capacity];
        p = new byte[capacity];
    }

    void add(long time, int xx, int yy, int pol) {
        t[size] = time;
        x[size] = xx;
        y[size] = yy;
        p[size] = (byte) pol;
        size++;
    }

    Events build(SensorGeometry geometry) {
        if (size == t.length) {
            return Events.of(geometry, t, x, y, p);
        }
        return Events.of(geometry, Arrays.copyOf(t, size), Arrays.copyOf(x, size), Arrays.copyOf(y, size),
                Arrays.copyOf(p, size));
    }
}

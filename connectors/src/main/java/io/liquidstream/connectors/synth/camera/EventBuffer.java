package io.liquidstream.connectors.synth.camera;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.Arrays;

/**
 * Growable event columns that the emulator fills one simulation step at a time; each step's events
 * are sorted in place, which keeps the whole run sorted because steps do not overlap in time.
 */
final class EventBuffer {

    private long[] t = new long[4096];
    private int[] x = new int[4096];
    private int[] y = new int[4096];
    private byte[] p = new byte[4096];
    private int size;

    int size() {
        return size;
    }

    void add(long time, int xx, int yy, int polarity) {
        if (size == t.length) {
            int capacity = 2 * size;
            t = Arrays.copyOf(t, capacity);
            x = Arrays.copyOf(x, capacity);
            y = Arrays.copyOf(y, capacity);
            p = Arrays.copyOf(p, capacity);
        }
        t[size] = time;
        x[size] = xx;
        y[size] = yy;
        p[size] = (byte) polarity;
        size++;
    }

    /** Stable insertion sort of the events from {@code from} on: a step holds only a few dozen. */
    void sortFrom(int from) {
        for (int i = from + 1; i < size; i++) {
            long ti = t[i];
            int xi = x[i];
            int yi = y[i];
            byte pi = p[i];
            int j = i - 1;
            while (j >= from && t[j] > ti) {
                t[j + 1] = t[j];
                x[j + 1] = x[j];
                y[j + 1] = y[j];
                p[j + 1] = p[j];
                j--;
            }
            t[j + 1] = ti;
            x[j + 1] = xi;
            y[j + 1] = yi;
            p[j + 1] = pi;
        }
    }

    Events toEvents(SensorGeometry geometry) {
        return Events.of(geometry, Arrays.copyOf(t, size), Arrays.copyOf(x, size), Arrays.copyOf(y, size),
                Arrays.copyOf(p, size));
    }
}

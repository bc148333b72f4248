package io.liquidstream.connectors.format.hdf5;

import io.liquidstream.core.event.Events;

/**
 * Merges per-unit spike runs, each ascending, into one time-ordered event stream whose channel is the
 * unit's index (ties: lower unit first). A binary heap of the units' cursors, so memory is one int per
 * unit whatever the spike count.
 */
final class SpikeMerge {

    private final long[] micros;
    private final int[] cursor;
    private final int[] end;
    private final int[] heap;
    private final long shift;
    private int size;

    /**
     * @param micros spike times in µs
     * @param from each unit's first index into {@code micros}
     * @param to each unit's exclusive end
     * @param shift subtracted from every time emitted
     */
    SpikeMerge(long[] micros, int[] from, int[] to, long shift) {
        this.micros = micros;
        this.cursor = from.clone();
        this.end = to;
        this.shift = shift;
        this.heap = new int[from.length];
        for (int unit = 0; unit < from.length; unit++) {
            if (cursor[unit] < end[unit]) {
                heap[size++] = unit;
            }
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            down(i);
        }
    }

    boolean hasNext() {
        return size > 0;
    }

    /** Appends up to {@code max} more events to {@code events}, returning how many. */
    int drainTo(Events.Builder events, int max) {
        int n = 0;
        while (size > 0 && n < max) {
            int unit = heap[0];
            events.add(micros[cursor[unit]] - shift, unit, 0, 0);
            n++;
            if (++cursor[unit] == end[unit]) {
                heap[0] = heap[--size];
            }
            down(0);
        }
        return n;
    }

    private boolean before(int a, int b) {
        long ta = micros[cursor[a]];
        long tb = micros[cursor[b]];
        return ta < tb || ta == tb && a < b;
    }

    private void down(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int child = left + 1 < size && before(heap[left + 1], heap[left]) ? left + 1 : left;
            if (!before(heap[child], heap[i])) {
                return;
            }
            int swap = heap[i];
            heap[i] = heap[child];
            heap[child] = swap;
            i = child;
        }
    }
}

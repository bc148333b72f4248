package io.liquidstream.connectors.view;

/**
 * The latest events of one source, in a fixed ring: the consumer appends, each page watching the source
 * reads what arrived since its own cursor. The oldest events are overwritten, never queued: a page that
 * falls behind loses them (and is told how many) instead of holding memory. Synchronised on itself.
 */
final class EventRing {

    /** What a reader gets: events since its cursor (thinned evenly to at most {@code max}) and the new cursor. */
    record Slice(long[] t, int[] x, int[] y, int[] p, long dropped, long cursor) {
        int size() {
            return t.length;
        }
    }

    private final long[] t;
    private final int[] x;
    private final int[] y;
    private final int[] p;
    private long head;

    EventRing(int capacity) {
        t = new long[capacity];
        x = new int[capacity];
        y = new int[capacity];
        p = new int[capacity];
    }

    synchronized void add(long time, int xx, int yy, int pol) {
        int i = (int) (head % t.length);
        t[i] = time;
        x[i] = xx;
        y[i] = yy;
        p[i] = pol;
        head++;
    }

    /** Position after the newest event: a new reader starts here, seeing only what comes next. */
    synchronized long head() {
        return head;
    }

    synchronized Slice since(long cursor, int max) {
        long from = Math.max(cursor, head - t.length);
        long lost = from - cursor;
        long available = head - from;
        int n = (int) Math.min(available, max);
        long[] ts = new long[n];
        int[] xs = new int[n];
        int[] ys = new int[n];
        int[] ps = new int[n];
        for (int k = 0; k < n; k++) {
            // Evenly spaced picks keep the picture's shape when the screen cannot take every event.
            long pos = from + (available == n ? k : k * available / n);
            int i = (int) (pos % t.length);
            ts[k] = t[i];
            xs[k] = x[i];
            ys[k] = y[i];
            ps[k] = p[i];
        }
        return new Slice(ts, xs, ys, ps, lost + (available - n), head);
    }
}

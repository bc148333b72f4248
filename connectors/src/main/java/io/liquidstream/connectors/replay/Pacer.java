package io.liquidstream.connectors.replay;

/**
 * Holds a replay back to its {@link ReplaySpeed}: a packet may leave only once its last event has
 * "happened", i.e. when the wall-clock time since the first packet, times the speed factor, reaches
 * the event time elapsed since the first packet's first event.
 */
final class Pacer {

    private final ReplaySpeed speed;
    private long originEventMicros;
    private long originNanos;
    private boolean started;

    Pacer(ReplaySpeed speed) {
        this.speed = speed;
    }

    /**
     * Sleeps until a packet spanning event times {@code [firstMicros, lastMicros]} is due; the first
     * call fixes the origin and returns at once.
     */
    void await(long firstMicros, long lastMicros) throws InterruptedException {
        if (!speed.paced()) {
            return;
        }
        if (!started) {
            started = true;
            originEventMicros = firstMicros;
            originNanos = System.nanoTime();
        }
        long dueNanos = originNanos + (long) ((lastMicros - originEventMicros) * 1000.0 / speed.factor());
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}

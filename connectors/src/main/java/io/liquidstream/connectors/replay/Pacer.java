package io.liquidstream.connectors.replay;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a replay back to its {@link ReplaySpeed}: a packet may leave only once its last event has
 * "happened", i.e. when the wall-clock time since the first packet, times the speed factor, reaches
 * the event time elapsed since the first packet's first event.
 */
public final class Pacer {

    private final ReplaySpeed speed;
    private long originEventMicros;
    private long originNanos;
    private boolean started;

    public Pacer(ReplaySpeed speed) {
        this.speed = speed;
    }

    /**
     * Sleeps until a packet spanning event times {@code [firstMicros, lastMicros]} is due; the first
     * call fixes the origin and returns at once.
     */
    public void await(long firstMicros, long lastMicros) throws InterruptedException {
        if (!speed.paced()) {
            return;
        }
        if (!started) {
            started = true;
            originEventMicros = firstMicros;
            originNanos = System.nanoTime();
        }
        long dueNanos = originNanos + (long) ((lastMicros - originEventMicros) * 1000.0 / speed.factor());
        // Parked rather than slept: Thread.sleep(ms, ns) rounds to whole milliseconds, too coarse for 1 ms bins.
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while pacing");
            }
        }
    }
}

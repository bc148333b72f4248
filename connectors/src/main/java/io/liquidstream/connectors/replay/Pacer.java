package io.liquidstream.connectors.replay;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a source back to its {@link ReplaySpeed}: source time {@code t} (µs) is due when the wall-clock
 * time since the origin, times the speed factor, reaches {@code t} minus the origin's source time. A packet
 * may leave once its last event is due. The origin is pinned by {@link #start} or, failing that, by the
 * first packet's first event. At {@link ReplaySpeed#MAX} everything is due at once. Not thread-safe.
 */
public final class Pacer {

    private final ReplaySpeed speed;
    private long originMicros;
    private long originNanos;
    private boolean started;

    public Pacer(ReplaySpeed speed) {
        this.speed = speed;
    }

    /** Pins the origin: source time {@code originMicros} is now. */
    public void start(long originMicros) {
        this.started = true;
        this.originMicros = originMicros;
        this.originNanos = System.nanoTime();
    }

    /** Whether {@link #start} (or a first packet) pinned the origin. */
    public boolean started() {
        return started;
    }

    /**
     * Wall-clock nanoseconds until source time {@code micros} is due; zero or less when it is. Pins the
     * origin at {@code micros} when none was.
     */
    public long nanosUntil(long micros) {
        if (!started) {
            start(micros);
        }
        if (!speed.paced()) {
            return 0;
        }
        return originNanos + (long) ((micros - originMicros) * 1000.0 / speed.factor()) - System.nanoTime();
    }

    /** Sleeps until source time {@code micros} is due. */
    public void await(long micros) throws InterruptedException {
        // Parked rather than slept: Thread.sleep(ms, ns) rounds to whole milliseconds, too coarse for 1 ms bins.
        for (long wait = nanosUntil(micros); wait > 0; wait = nanosUntil(micros)) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while pacing");
            }
        }
    }

    /**
     * Sleeps until a packet spanning source times {@code [firstMicros, lastMicros]} is due; the first packet
     * pins the origin at its first event when {@link #start} was not called.
     */
    public void await(long firstMicros, long lastMicros) throws InterruptedException {
        if (!started) {
            start(firstMicros);
        }
        await(lastMicros);
    }
}

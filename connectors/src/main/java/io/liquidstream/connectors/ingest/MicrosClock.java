package io.liquidstream.connectors.ingest;

/**
 * Wall-clock time in microseconds since the epoch that never steps back: the epoch time at creation plus
 * the monotonic time since, so events stamped on arrival stay in order when the system clock is adjusted.
 */
final class MicrosClock {

    private final long originMicros = System.currentTimeMillis() * 1000;
    private final long originNanos = System.nanoTime();

    long nowMicros() {
        return originMicros + (System.nanoTime() - originNanos) / 1000;
    }
}

package io.liquidstream.connectors.ingest;

/** Receives decoded events one at a time, in the order the input holds them. */
@FunctionalInterface
interface EventSink {

    /** One event: time in microseconds, address, polarity (0 or 1). */
    void event(long timeMicros, int x, int y, int polarity);
}

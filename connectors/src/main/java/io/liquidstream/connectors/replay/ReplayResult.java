package io.liquidstream.connectors.replay;

/**
 * What a replay delivered: counts of packets, events and completed samples that the broker
 * acknowledged, the encoded bytes, and the wall-clock time from the first send to the last ack.
 */
public record ReplayResult(long packets, long events, long samples, long bytes, double seconds) {

    public double eventsPerSecond() {
        return seconds > 0 ? events / seconds : 0;
    }

    public double megabytesPerSecond() {
        return seconds > 0 ? bytes / 1e6 / seconds : 0;
    }
}

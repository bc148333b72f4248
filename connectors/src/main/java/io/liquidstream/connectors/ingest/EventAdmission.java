package io.liquidstream.connectors.ingest;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;

/**
 * Lets into a batch (one datagram, one stream packet) only the events that can be sent: inside the
 * sensor, and not earlier than an event already let in (packets keep time order; a reordered datagram's
 * late events are dropped rather than sent out of order). A batch is all or nothing for its structure:
 * {@link #discard()} forgets it, as if it never came, when its decoder finds it malformed halfway.
 *
 * <p>Not thread-safe: one per reader thread.
 */
final class EventAdmission implements EventSink {

    private final IngestStats stats;
    private SensorGeometry geometry;
    private Events.Builder events;
    /** The size of the last batch let in: batches of one source are alike, so the next one's builder starts there. */
    private int expected = 1024;
    private long lastTime = Long.MIN_VALUE;
    private long batchStartTime = Long.MIN_VALUE;
    private long outside;
    private long late;
    private String example;

    EventAdmission(SensorGeometry geometry, IngestStats stats) {
        this.geometry = geometry;
        this.stats = stats;
        this.events = Events.builder(geometry);
    }

    /** The sensor events are checked against from the next batch on (a reconnection may bring another). */
    void geometry(SensorGeometry sensor) {
        this.geometry = sensor;
    }

    SensorGeometry geometry() {
        return geometry;
    }

    void begin() {
        events = Events.builder(geometry, expected);
        outside = 0;
        late = 0;
        example = null;
        batchStartTime = lastTime;
    }

    @Override
    public void event(long timeMicros, int xx, int yy, int polarity) {
        if (!geometry.contains(xx, yy, polarity)) {
            if (outside++ == 0) {
                example = "(x=" + xx + ", y=" + yy + ", p=" + polarity + ") on a " + geometry.width() + "x"
                        + geometry.height() + " sensor";
            }
            return;
        }
        if (timeMicros < lastTime) {
            late++;
            return;
        }
        events.add(timeMicros, xx, yy, polarity);
        lastTime = timeMicros;
    }

    /** Ends the batch, counting what was refused; its events, or null if none was let in. */
    Events finish() {
        stats.refused(outside, late, example);
        if (events.size() == 0) {
            return null;
        }
        expected = events.size();
        return events.build();
    }

    /**
     * Ends the batch as {@link #finish()} does and hands its events, if any were let in, to {@code out},
     * counting them accepted: a stream's reader waits for room rather than drop.
     */
    void finishInto(Handoff out) throws InterruptedException {
        Events batch = finish();
        if (batch != null) {
            out.put(batch);
            stats.accepted(batch.size());
        }
    }

    /** Forgets the batch: nothing of it is counted or let in, and time order is as before it. */
    void discard() {
        events = Events.builder(geometry, expected);
        lastTime = batchStartTime;
    }
}

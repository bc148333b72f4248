package io.liquidstream.connectors.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The running counts of one ingester ({@link IngestCounts}), updated by its reader thread and read by
 * anyone, and its notices: one line per problem, said at once the first time a kind of problem occurs and
 * then at most every {@link #NOTICE_INTERVAL_NANOS} per kind, so that a flood of bad input cannot flood
 * the log (the counts carry the rest).
 */
public final class IngestStats {

    static final long NOTICE_INTERVAL_NANOS = 10_000_000_000L;

    private final LongAdder received = new LongAdder();
    private final LongAdder receivedBytes = new LongAdder();
    private final LongAdder acceptedEvents = new LongAdder();
    private final LongAdder droppedDatagrams = new LongAdder();
    private final LongAdder droppedEvents = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder outsideSensor = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final Map<String, Long> lastNotice = new ConcurrentHashMap<>();
    private volatile Consumer<String> notices = line -> { };

    /** Where notices go (e.g. standard error); replaces the previous listener. */
    public void onNotice(Consumer<String> listener) {
        this.notices = listener;
    }

    public IngestCounts snapshot() {
        return new IngestCounts(received.sum(), receivedBytes.sum(), acceptedEvents.sum(), droppedDatagrams.sum(),
                droppedEvents.sum(), malformed.sum(), outsideSensor.sum(), late.sum(), connections.sum(),
                disconnects.sum());
    }

    void received(int bytes) {
        received.increment();
        receivedBytes.add(bytes);
    }

    void accepted(int events) {
        acceptedEvents.add(events);
    }

    void droppedDatagram(int events) {
        droppedDatagrams.increment();
        droppedEvents.add(events);
        notice("queue-full", "the hand-off to Kafka is full: dropping datagrams (" + droppedDatagrams.sum()
                + " so far); Kafka or the packet encoder is slower than the sender");
    }

    void malformed(String what) {
        malformed.increment();
        notice("malformed", what + " (" + malformed.sum() + " refused so far)");
    }

    void refused(long outside, long lateEvents, String example) {
        if (outside > 0) {
            outsideSensor.add(outside);
            notice("outside", outside + " event(s) outside the sensor dropped, e.g. " + example + " ("
                    + outsideSensor.sum() + " so far)");
        }
        if (lateEvents > 0) {
            late.add(lateEvents);
            notice("late", lateEvents + " event(s) earlier than events already sent dropped (" + late.sum()
                    + " so far)");
        }
    }

    void connected(String what) {
        connections.increment();
        notices.accept(what);
    }

    void disconnected(String why) {
        disconnects.increment();
        notices.accept(why);
    }

    /** A notice said whatever came before (state changes, not floods). */
    void say(String line) {
        notices.accept(line);
    }

    private void notice(String kind, String line) {
        long now = System.nanoTime();
        Long last = lastNotice.get(kind);
        if (last == null || now - last >= NOTICE_INTERVAL_NANOS) {
            lastNotice.put(kind, now);
            notices.accept(line);
        }
    }
}

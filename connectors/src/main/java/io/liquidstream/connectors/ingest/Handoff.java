package io.liquidstream.connectors.ingest;

import io.liquidstream.core.event.Events;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between an ingester's reader thread and the thread that cuts and sends packets. The
 * reader either waits when it is full ({@link #put}: TCP and files, so a slow Kafka slows the peer) or
 * drops ({@link #offer}: UDP, whose socket must keep being drained). Never unbounded.
 */
final class Handoff {

    /** The reader is done; {@code failure} is why, if it did not end normally. */
    record End(IOException failure) {
    }

    private final ArrayBlockingQueue<Object> queue;

    Handoff(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a hand-off needs room for at least 1 batch, found " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues a batch if there is room; false if it was dropped. */
    boolean offer(Events batch) {
        return queue.offer(batch);
    }

    /** Queues a batch, waiting for room. */
    void put(Events batch) throws InterruptedException {
        queue.put(batch);
    }

    /** Marks the end, after every batch queued before. */
    void end(IOException failure) throws InterruptedException {
        queue.put(new End(failure));
    }

    /** The next {@link Events} batch or {@link End}, or null if none came within {@code nanos}. */
    Object poll(long nanos) throws InterruptedException {
        return queue.poll(nanos, TimeUnit.NANOSECONDS);
    }
}

package io.liquidstream.connectors.ingest;

import java.io.IOException;

/**
 * One transport's reader: it reads its input on a thread of its own, lets events through an
 * {@link EventAdmission} and queues each batch on a {@link Handoff}.
 */
public interface Feed {

    /**
     * Reads until {@link #stop()} or the input's end, recovering from what it can (bad datagrams, a lost
     * connection) with a counted drop or a notice.
     *
     * @throws IOException if reading cannot go on (the input is gone or damaged beyond recovery)
     * @throws InterruptedException if the thread was interrupted while waiting to queue a batch
     */
    void run(Handoff out) throws IOException, InterruptedException;

    /** Makes {@link #run} return soon, after queuing what it has read; may be called from any thread. */
    void stop();

    /** What is read, e.g. {@code "spif datagrams on udp 0.0.0.0:3333"}. */
    String description();
}

package io.liquidstream.connectors.kafka;

import org.apache.kafka.clients.consumer.Consumer;

/** Ends a thread that polls a consumer of its own, for watchers that read a topic in the background. */
public final class PollingThreads {

    private PollingThreads() {
    }

    /**
     * Wakes the {@code consumer}'s poll (it throws {@code WakeupException} on {@code thread}), then waits up to
     * 5 s for {@code thread} to close it and end. The caller sets its own stop flag first.
     */
    public static void stop(Consumer<?, ?> consumer, Thread thread) {
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

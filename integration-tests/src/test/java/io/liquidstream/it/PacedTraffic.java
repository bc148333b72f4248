package io.liquidstream.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends samples from a background thread, {@code batch} every {@code interval}, so that a fault can
 * strike while traffic is flowing. The {@link Traffic} belongs to this thread until {@link #join()}.
 */
final class PacedTraffic {

    private final Thread thread;
    private final AtomicInteger sent = new AtomicInteger();
    private final List<String> ids = new ArrayList<>();
    private volatile RuntimeException error;

    PacedTraffic(Traffic traffic, int total, int batch, Duration interval) {
        this.thread = new Thread(() -> {
            try {
                while (sent.get() < total) {
                    int n = Math.min(batch, total - sent.get());
                    ids.addAll(traffic.send(n));
                    traffic.flush();
                    sent.addAndGet(n);
                    Await.pause(interval);
                }
            } catch (RuntimeException e) {
                error = e;
            }
        }, "paced-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    /** Samples sent (and flushed) so far. */
    int sent() {
        return sent.get();
    }

    /** Waits for the last sample to be sent; returns every id sent. */
    List<String> join() {
        try {
            thread.join(Duration.ofMinutes(3).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the traffic thread", e);
        }
        if (thread.isAlive()) {
            throw new AssertionError("the traffic thread did not finish within 3 min; sent " + sent.get());
        }
        if (error != null) {
            throw new AssertionError("sending traffic failed", error);
        }
        return List.copyOf(ids);
    }
}

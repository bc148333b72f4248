package io.liquidstream.connectors.ingest;

import io.liquidstream.connectors.replay.KafkaReplay;
import io.liquidstream.connectors.replay.ReplayResult;
import io.liquidstream.connectors.replay.ReplaySpeed;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends a live input to Kafka through {@link KafkaReplay} (unpaced: a live input is already in real time)
 * until the input ends, {@link LivePackets#stop()} is called, or {@code duration} has passed. The producer's
 * in-flight bound is the backpressure: while it is full no packet is taken, the hand-off fills, and the
 * reader waits (TCP, files) or drops datagrams (UDP).
 */
public final class KafkaIngest {

    /**
     * What an ingest did.
     *
     * @param sent what the broker acknowledged
     * @param counts what was read and refused before sending
     * @param inputFailure why the input ended early, or null
     */
    public record Result(ReplayResult sent, IngestCounts counts, IOException inputFailure) {
    }

    private KafkaIngest() {
    }

    /**
     * Runs the ingest on the calling thread; everything read before the end is sent before this returns.
     *
     * @param duration how long to ingest, or null for as long as the input lasts
     * @param progress called with the running totals after each acknowledged packet (on a sender thread)
     * @throws IllegalStateException if the broker does not answer in time or a send fails
     */
    public static Result run(LivePackets packets, KafkaReplay.Target target, Duration duration,
            Consumer<ReplayResult> progress) throws IOException {
        if (!target.speed().equals(ReplaySpeed.MAX)) {
            throw new IllegalArgumentException("a live input is sent as it comes; expected speed max, found "
                    + target.speed());
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "liquidstream-ingest-timer");
            t.setDaemon(true);
            return t;
        });
        try {
            if (duration != null) {
                timer.schedule(packets::stop, duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            ReplayResult sent = KafkaReplay.run(packets, target, progress);
            return new Result(sent, packets.stats().snapshot(), packets.failure());
        } finally {
            timer.shutdownNow();
        }
    }
}

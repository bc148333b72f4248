package io.liquidstream.cli;

import io.liquidstream.connectors.deadletter.DeadLetterWatch;
import io.liquidstream.connectors.deadletter.ServiceCatchUp;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of {@code replay} and {@code ingest} that watch the service's dead-letter topic while they
 * send, and the lines they print about it.
 */
final class DeadLetterOptions {

    /** Exit status of a send that went through but of which the service dead-lettered some. */
    static final int DEAD_LETTERED_EXIT = 3;

    @Option(names = "--no-dead-letter-watch",
            description = "Do not watch the service's dead-letter topic for what this run sends.")
    boolean off;

    @Option(names = "--dead-letter-topic", defaultValue = "lsm.dlq", paramLabel = "T",
            description = "The service's dead-letter topic. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--service-group", defaultValue = "liquidstream", paramLabel = "G",
            description = "The service's consumer group, whose progress is awaited at the end. Default: ${DEFAULT-VALUE}.")
    String serviceGroup;

    @Option(names = "--dead-letter-wait", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "After sending, how long to wait for a running service to settle what was sent (no wait"
                    + " when no service runs). Default: ${DEFAULT-VALUE}.")
    Duration wait;

    /**
     * Starts watching for {@code source}'s records sent to {@code inputTopic}, telling each reason on
     * {@code err} as {@code "<command>: the service dead-lettered N of your packets: REASON (detail)"}; null
     * when switched off or the broker cannot be reached (the send itself then reports that).
     */
    DeadLetterWatch start(Map<String, Object> clientProperties, String source, String inputTopic, PrintStream err,
            String command) {
        if (off) {
            return null;
        }
        try {
            return DeadLetterWatch.start(clientProperties, topic, source, inputTopic, n -> {
                err.println(String.format(Locale.ROOT, "%s: the service dead-lettered %,d of your packets%s: %s (%s)",
                        command, n.total(), n.count() == n.total() ? "" : String.format(Locale.ROOT, " (%,d %s)",
                                n.count(), n.reason()), n.reason(), n.detail()));
                err.flush();
            });
        } catch (RuntimeException e) {
            err.println(command + ": not watching " + topic + " for dead letters: " + e.getMessage());
            return null;
        }
    }

    /**
     * After sending: waits for the service and the watch, prints the total if any, closes the watch and
     * returns the number of our packets dead-lettered.
     */
    long finish(DeadLetterWatch watch, PrintStream err, String command, long packetsSent) {
        if (watch == null) {
            return 0;
        }
        try (watch) {
            ServiceCatchUp.Outcome outcome = watch.settle(serviceGroup, wait);
            long total = watch.total();
            if (total > 0) {
                StringBuilder reasons = new StringBuilder();
                watch.byReason().forEach((reason, n) -> reasons.append(reasons.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%,d %s (%s)", n, reason, watch.detail(reason))));
                err.println(String.format(Locale.ROOT, "%s: the service dead-lettered %,d of the %,d packets sent: %s",
                        command, total, packetsSent, reasons));
            } else if (outcome == ServiceCatchUp.Outcome.TIMED_OUT) {
                err.println(command + ": the service (group " + serviceGroup + ") had not settled everything sent after "
                        + DurationConverter.format(wait) + "; none dead-lettered so far");
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return watch.total();
        }
    }

    /** The dead-letter counts for a JSON summary, when they were watched. */
    static void json(DeadLetterWatch watch, long total, Map<String, Object> fields) {
        if (watch == null) {
            return;
        }
        fields.put("deadLettered", total);
        if (total > 0) {
            fields.put("deadLetterReasons", watch.byReason());
        }
    }
}

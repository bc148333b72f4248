package io.liquidstream.connectors.kafka;

import java.util.List;

/**
 * Turns Kafka's own loggers down to WARN (clients) and ERROR (broker) under slf4j-simple: the broker and the clients log every
 * configuration and state change at INFO, which would drown the service's output.
 *
 * <p>slf4j-simple reads a logger's level from system properties when the logger is first created,
 * so this works as long as it runs before Kafka classes create theirs; levels the user already set
 * (on the command line or earlier in code) are left alone.
 */
public final class KafkaLogLevels {

    private static final String PREFIX = "org.slf4j.simpleLogger.log.";
    /** Clients: warnings matter (a broker went away, a commit failed). */
    private static final List<String> CLIENT_LOGGERS = List.of("org.apache.kafka");
    /** Broker internals: their warnings describe normal single-node start-up and shutdown. */
    private static final List<String> BROKER_LOGGERS = List.of(
            "kafka", "state.change.logger", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.storage", "org.apache.kafka.server", "org.apache.kafka.metadata",
            "org.apache.kafka.image", "org.apache.kafka.coordinator", "org.apache.kafka.clients.NetworkClient");

    private KafkaLogLevels() {
    }

    public static void quietenUnlessConfigured() {
        CLIENT_LOGGERS.forEach(logger -> setUnlessConfigured(logger, "warn"));
        BROKER_LOGGERS.forEach(logger -> setUnlessConfigured(logger, "error"));
    }

    private static void setUnlessConfigured(String logger, String level) {
        if (System.getProperty(PREFIX + logger) == null) {
            System.setProperty(PREFIX + logger, level);
        }
    }
}

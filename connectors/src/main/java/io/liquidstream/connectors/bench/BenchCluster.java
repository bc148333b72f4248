package io.liquidstream.connectors.bench;

import io.liquidstream.connectors.kafka.EmbeddedKafkaBroker;
import java.util.function.Consumer;

/** Where a benchmark runs: the cluster it was given, or an embedded broker of its own for the run. */
final class BenchCluster {

    /** One run against the brokers at {@code bootstrapServers}. */
    @FunctionalInterface
    interface Run<T, E extends Exception> {
        T on(String bootstrapServers) throws E, InterruptedException;
    }

    private BenchCluster() {
    }

    /**
     * Runs on {@code given} when it names brokers; otherwise starts an embedded broker (telling
     * {@code progress}), runs on it and stops it.
     */
    static <T, E extends Exception> T run(String given, Consumer<String> progress, Run<T, E> run)
            throws E, InterruptedException {
        if (given != null) {
            return run.on(given);
        }
        progress.accept("starting the embedded Kafka broker");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            return run.on(broker.bootstrapServers());
        }
    }
}

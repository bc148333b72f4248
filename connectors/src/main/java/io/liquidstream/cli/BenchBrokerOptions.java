package io.liquidstream.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The broker of a benchmark that creates its own topics: an existing cluster, or (absent) an embedded
 * broker of the run. Not {@link KafkaOptions}: absent, a benchmark starts its own broker rather than
 * reaching for localhost:9092.
 */
final class BenchBrokerOptions {

    @Option(names = {"--bootstrap-servers", "--bootstrap"}, paramLabel = KafkaOptions.BOOTSTRAP_LABEL,
            description = "Kafka brokers of an existing cluster (--bootstrap is an alias); the run's topics are deleted "
                    + "after. Default: an embedded broker of this run.")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = KafkaOptions.KAFKA_CONFIG_HELP)
    Path kafkaConfig;

    /** The brokers given, or null for an embedded broker. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Extra client properties for every client of the run (security), from {@code --kafka-config}. */
    Map<String, Object> client() throws IOException {
        Map<String, Object> client = new LinkedHashMap<>();
        KafkaOptions.load(kafkaConfig, client);
        return client;
    }
}

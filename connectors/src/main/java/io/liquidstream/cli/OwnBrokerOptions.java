package io.liquidstream.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The cluster of a benchmark, which starts an embedded broker of its own unless given one: not
 * {@link KafkaOptions}, since absent it must not reach for localhost:9092.
 */
final class OwnBrokerOptions {

    static final String HELP = "Kafka brokers of an existing cluster (--bootstrap is an alias), on which the run makes "
            + "topics of its own. Default: an embedded broker of this run.";

    @Option(names = {"--bootstrap-servers", "--bootstrap"}, paramLabel = KafkaOptions.BOOTSTRAP_LABEL, description = HELP)
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = KafkaOptions.KAFKA_CONFIG_HELP)
    Path kafkaConfig;

    /** The brokers given, or null for an embedded broker. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The client properties of --kafka-config (empty without it). */
    Map<String, Object> clientConfig() throws IOException {
        Map<String, Object> client = new LinkedHashMap<>();
        KafkaOptions.load(kafkaConfig, client);
        return client;
    }
}

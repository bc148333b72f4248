package io.liquidstream.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the Kafka cluster is and how to reach it: the same two options, with one help text, on every
 * command that talks to a broker ({@code @Mixin KafkaOptions kafka;}). Later sources win: the default
 * {@value #DEFAULT_BOOTSTRAP_SERVERS}, a properties file ({@code --kafka-config}, or a command's own
 * {@code --config} applied before it), then {@code --bootstrap-servers}.
 */
public final class KafkaOptions {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String BOOTSTRAP_LABEL = "HOST:PORT[,...]";
    static final String BOOTSTRAP_HELP = "Kafka brokers (--bootstrap is an alias); wins over bootstrap.servers in "
            + "a properties file. Default: " + DEFAULT_BOOTSTRAP_SERVERS + ".";
    static final String KAFKA_CONFIG_HELP = "Kafka client properties (e.g. SASL/TLS settings) for every client of "
            + "the command.";

    @Option(names = {"--bootstrap-servers", "--bootstrap"}, paramLabel = BOOTSTRAP_LABEL, description = BOOTSTRAP_HELP)
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = KAFKA_CONFIG_HELP)
    Path kafkaConfig;

    /** The Kafka client properties: {@code --kafka-config}'s, with the brokers these options name. */
    public Map<String, Object> clientProperties() throws IOException {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", DEFAULT_BOOTSTRAP_SERVERS);
        applyTo(props);
        return props;
    }

    /**
     * Adds {@code --kafka-config}'s properties to {@code props}, then {@code --bootstrap-servers} when given:
     * for a command whose own settings file was read into {@code props} first.
     */
    public void applyTo(Map<String, Object> props) throws IOException {
        load(kafkaConfig, props);
        if (bootstrapServers != null) {
            props.put("bootstrap.servers", bootstrapServers);
        }
    }

    /**
     * The properties of the service a command runs or watches: those of {@code serviceConfig} (a properties
     * file, may be null), then these client options over them.
     */
    Map<String, Object> serviceProperties(Path serviceConfig) throws IOException {
        Map<String, Object> props = new HashMap<>();
        load(serviceConfig, props);
        applyTo(props);
        return props;
    }

    /** The brokers these options name once {@code props} (the client properties) are applied. */
    public static String bootstrapOf(Map<String, Object> props) {
        return String.valueOf(props.getOrDefault("bootstrap.servers", DEFAULT_BOOTSTRAP_SERVERS));
    }

    /** Reads a Java properties file into {@code into}; nothing when {@code file} is null. */
    static void load(Path file, Map<String, Object> into) throws IOException {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        p.forEach((k, v) -> into.put(k.toString(), v));
    }
}

package io.liquidstream.cli;

import io.liquidstream.connectors.registry.WireFormat;
import picocli.CommandLine.Option;

/**
 * {@code --schema-registry URL}: write Avro in the Confluent wire format, with schemas registered in that
 * registry, for the tools that read through one ({@code @Mixin RegistryOption registry;}).
 */
public final class RegistryOption {

    static final String HELP = "Write Avro in the Confluent wire format, registering schemas in this schema "
            + "registry (Confluent REST API, under <topic>-value), so kcat -s avro, Kafka Connect, ksqlDB and "
            + "Flink read it; Confluent-framed input is looked up there too. Default: none, Avro single-object "
            + "encoding.";

    @Option(names = "--schema-registry", paramLabel = "URL", description = HELP)
    String url;

    /** The registry's URL, or null when not given. */
    public String url() {
        return url;
    }

    /** The format these options name: Confluent with the registry when one is given, else single-object. */
    public WireFormat wireFormat() {
        return url == null ? WireFormat.singleObject() : WireFormat.of(WireFormat.CONFLUENT, url);
    }
}

package io.liquidstream.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --timeout}: how long the brokers may take to answer, the same on every command that waits on them. */
final class BrokerTimeout {

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the brokers may take to answer. Default: ${DEFAULT-VALUE}.")
    Duration timeout;
}

package io.liquidstream.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How a command that publishes events cuts them into {@code EventPacket}s: at most {@code --packet-events}
 * events and {@code --packet-span} of event time per packet ({@code @Mixin PacketBounds packets;}).
 */
public final class PacketBounds {

    @Option(names = "--packet-events", defaultValue = "1000", paramLabel = "N",
            description = "Most events per packet (one Kafka record). Default: ${DEFAULT-VALUE}.")
    int events;

    @Option(names = "--packet-span", defaultValue = "50ms", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest span of event time in one packet. Default: ${DEFAULT-VALUE}.")
    Duration span;

    /** The spelling before durations took units ({@code --packet-micros 50000}); wins when given. */
    @Option(names = "--packet-micros", hidden = true, paramLabel = "US")
    Long packetMicros;

    /** Most events per packet; throws when not positive. */
    public int events() {
        if (events < 1) {
            throw new IllegalArgumentException("--packet-events must be positive, found " + events);
        }
        return events;
    }

    /** Longest event-time span of a packet in µs; throws when under 1 µs. */
    public long spanMicros() {
        long micros = packetMicros != null ? packetMicros : span.toNanos() / 1_000;
        if (micros < 1) {
            throw new IllegalArgumentException("--packet-span must be at least 1us, found "
                    + DurationConverter.format(Duration.ofNanos(micros * 1_000)));
        }
        return micros;
    }
}

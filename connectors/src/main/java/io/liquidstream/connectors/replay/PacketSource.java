package io.liquidstream.connectors.replay;

import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import java.io.IOException;
import java.util.Optional;

/**
 * A recording or data set read as one source's packets, pulled one at a time so that only a chunk of
 * the input is ever held in memory. Packets come in {@code seq} order and event-time order.
 */
public interface PacketSource extends AutoCloseable {

    /** The next packet, or {@code null} after the last one. */
    EventPacket next() throws IOException;

    /** What is being read, e.g. {@code "evt3 recording x.raw"} or {@code "N-MNIST folder data/"}. */
    String description();

    /** The sensor whose addresses the packets carry, when the source knows it (from a header or an option). */
    default Optional<SensorGeometry> sensor() {
        return Optional.empty();
    }

    @Override
    void close() throws IOException;
}

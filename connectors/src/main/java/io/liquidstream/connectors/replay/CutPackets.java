package io.liquidstream.connectors.replay;

import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A packet source that feeds its input to a {@link PacketCutter} a piece at a time and hands out the
 * packets cut so far before reading on, so only one piece is held in memory.
 */
abstract class CutPackets implements PacketSource {

    final PacketCutter cutter;
    private final String description;
    private final ArrayDeque<EventPacket> ready = new ArrayDeque<>();

    CutPackets(PacketCutter cutter, String description) {
        this.cutter = cutter;
        this.description = description;
    }

    /** Cuts the next piece of input into {@code ready}; false once the input has ended. */
    abstract boolean cutNext(ArrayDeque<EventPacket> ready) throws IOException;

    @Override
    public final EventPacket next() throws IOException {
        while (ready.isEmpty() && cutNext(ready)) {
            // Some pieces (an empty chunk, a sample without events) yield no packet: read on.
        }
        return ready.poll();
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Optional<SensorGeometry> sensor() {
        return Optional.of(cutter.geometry());
    }
}

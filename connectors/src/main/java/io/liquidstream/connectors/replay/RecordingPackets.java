package io.liquidstream.connectors.replay;

import io.liquidstream.connectors.format.EventFileReader;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A plain recording (no samples) as a continuous packet stream: the file is decoded a chunk at a time
 * and each chunk cut into packets, so memory is bounded by the chunk size whatever the file's size.
 */
final class RecordingPackets implements PacketSource {

    static final int CHUNK_EVENTS = 1 << 16;

    private final EventFileReader reader;
    private final PacketCutter cutter;
    private final String description;
    private final ArrayDeque<EventPacket> ready = new ArrayDeque<>();
    private boolean ended;

    RecordingPackets(EventFileReader reader, PacketCutter cutter, String description) {
        this.reader = reader;
        this.cutter = cutter;
        this.description = description;
    }

    @Override
    public EventPacket next() throws IOException {
        while (ready.isEmpty() && !ended) {
            Events chunk = reader.next(CHUNK_EVENTS);
            if (chunk == null) {
                cutter.flush(ready::add);
                ended = true;
            } else {
                cutter.add(chunk, ready::add);
            }
        }
        return ready.poll();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Optional<SensorGeometry> sensor() {
        return Optional.of(cutter.geometry());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

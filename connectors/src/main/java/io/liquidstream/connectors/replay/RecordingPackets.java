package io.liquidstream.connectors.replay;

import io.liquidstream.connectors.format.EventFileReader;
import io.liquidstream.core.event.Events;
import io.liquidstream.schemas.EventPacket;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * A plain recording (no samples) as a continuous packet stream: the file is decoded a chunk at a time
 * and each chunk cut into packets, so memory is bounded by the chunk size whatever the file's size.
 */
final class RecordingPackets extends CutPackets {

    static final int CHUNK_EVENTS = 1 << 16;

    private final EventFileReader reader;
    private boolean ended;

    RecordingPackets(EventFileReader reader, PacketCutter cutter, String description) {
        super(cutter, description);
        this.reader = reader;
    }

    @Override
    boolean cutNext(ArrayDeque<EventPacket> ready) throws IOException {
        if (ended) {
            return false;
        }
        Events chunk = reader.next(CHUNK_EVENTS);
        if (chunk == null) {
            cutter.flush(ready::add);
            ended = true;
        } else {
            cutter.add(chunk, ready::add);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

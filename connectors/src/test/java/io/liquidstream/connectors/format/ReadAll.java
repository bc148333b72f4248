package io.liquidstream.connectors.format;

import io.liquidstream.core.event.Events;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Test helper: drains a reader, keeping its chunks. */
public final class ReadAll {

    private ReadAll() {
    }

    public static List<Events> chunks(EventFileReader reader, int maxEvents) throws IOException {
        List<Events> chunks = new ArrayList<>();
        Events chunk;
        while ((chunk = reader.next(maxEvents)) != null) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** All events of the reader, joined into one run, reading in chunks of {@code maxEvents}. */
    public static Events events(EventFileReader reader, int maxEvents) throws IOException {
        try (reader) {
            return join(chunks(reader, maxEvents), reader);
        }
    }

    public static Events join(List<Events> chunks, EventFileReader reader) {
        Events.Builder all = Events.builder(reader.geometry());
        for (Events c : chunks) {
            for (int i = 0; i < c.size(); i++) {
                all.add(c.t(i), c.x(i), c.y(i), c.p(i));
            }
        }
        return all.build();
    }
}

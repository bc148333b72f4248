package io.liquidstream.connectors.format.aedat;

import io.liquidstream.connectors.format.EventFileReader;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Event runs to write and helpers to read a whole file back chunk by chunk. */
final class AedatSamples {

    private AedatSamples() {
    }

    /** {@code n} random events on {@code geometry} from {@code start} µs, consecutive gaps below {@code maxGap}. */
    static Events random(SensorGeometry geometry, int n, long start, long maxGap, long seed) {
        Random random = new Random(seed);
        Events.Builder events = Events.builder(geometry, n);
        long t = start;
        for (int i = 0; i < n; i++) {
            events.add(t, random.nextInt(geometry.width()), random.nextInt(geometry.height()), random.nextInt(2));
            t += (long) (random.nextDouble() * maxGap);
        }
        return events.build();
    }

    /** Every chunk the reader gives for {@code chunk}-sized requests, until its end. */
    static List<Events> chunks(EventFileReader reader, int chunk) throws IOException {
        List<Events> chunks = new ArrayList<>();
        Events next;
        while ((next = reader.next(chunk)) != null) {
            chunks.add(next);
        }
        return chunks;
    }

    /** All events of the reader, joined. */
    static Events readAll(EventFileReader reader) throws IOException {
        return join(reader.geometry(), chunks(reader, 1000));
    }

    static Events join(SensorGeometry geometry, List<Events> chunks) {
        Events.Builder all = Events.builder(geometry);
        for (Events chunk : chunks) {
            for (int i = 0; i < chunk.size(); i++) {
                all.add(chunk.t(i), chunk.x(i), chunk.y(i), chunk.p(i));
            }
        }
        return all.build();
    }

    /** The first {@code n} events of {@code events}. */
    static Events head(Events events, int n) {
        return slice(events, 0, n);
    }

    /** Events {@code from} (inclusive) to {@code to} (exclusive). */
    static Events slice(Events events, int from, int to) {
        return Events.of(events.geometry(), Arrays.copyOfRange(events.times(), from, to),
                Arrays.copyOfRange(events.xs(), from, to), Arrays.copyOfRange(events.ys(), from, to),
                Arrays.copyOfRange(events.polarities(), from, to));
    }
}

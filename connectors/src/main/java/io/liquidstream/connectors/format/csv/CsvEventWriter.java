package io.liquidstream.connectors.format.csv;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes events as CSV readable by {@link CsvEventReader}: a {@code # geometry WxHxP} comment, a header
 * row, then one row per event: {@code t,x,y,p}, or {@code t,channel} for one-dimensional geometries
 * (height 1 and one polarity).
 */
public final class CsvEventWriter implements Closeable {

    private final BufferedWriter out;
    private final SensorGeometry geometry;
    private final boolean channels;
    private final StringBuilder row = new StringBuilder();
    private long lastTime = Long.MIN_VALUE;

    private CsvEventWriter(BufferedWriter out, SensorGeometry geometry) {
        this.out = out;
        this.geometry = geometry;
        this.channels = geometry.height() == 1 && geometry.polarities() == 1;
    }

    /** Creates {@code file} with the geometry comment and header row. */
    public static CsvEventWriter create(Path file, SensorGeometry geometry) throws IOException {
        CsvEventWriter writer = new CsvEventWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), geometry);
        writer.out.write("# geometry " + geometry.width() + "x" + geometry.height() + "x" + geometry.polarities() + "\n");
        writer.out.write(writer.channels ? "t,channel\n" : "t,x,y,p\n");
        return writer;
    }

    /** Writes {@code events} to a new file in one go. */
    public static void write(Path file, Events events) throws IOException {
        try (CsvEventWriter writer = create(file, events.geometry())) {
            writer.write(events);
        }
    }

    /**
     * Appends {@code events}.
     *
     * @throws IllegalArgumentException if an address lies outside the geometry or a time is earlier than the
     *     previous write's; nothing of the chunk is written then
     */
    public void write(Events events) throws IOException {
        long previous = lastTime;
        for (int i = 0; i < events.size(); i++) {
            if (!geometry.contains(events.x(i), events.y(i), events.p(i))) {
                throw new IllegalArgumentException("event " + i + " address (x=" + events.x(i) + ", y=" + events.y(i)
                        + ", p=" + events.p(i) + ") lies outside the writer's sensor " + geometry);
            }
            if (events.t(i) < previous) {
                throw new IllegalArgumentException("event " + i + " time " + events.t(i) + " us is before "
                        + previous + " us; expected non-decreasing times across writes");
            }
            previous = events.t(i);
        }
        lastTime = previous;
        for (int i = 0; i < events.size(); i++) {
            row.setLength(0);
            row.append(events.t(i)).append(',').append(events.x(i));
            if (!channels) {
                row.append(',').append(events.y(i)).append(',').append(events.p(i));
            }
            out.append(row).append('\n');
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

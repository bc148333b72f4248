package io.liquidstream.connectors.format.csv;

import io.liquidstream.connectors.format.ChunkedEventWriter;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes events as CSV readable by {@link CsvEventReader}: a {@code # geometry WxHxP} comment, a header
 * row, then one row per event: {@code t,x,y,p}, or {@code t,channel} for one-dimensional geometries
 * (height 1 and one polarity).
 */
public final class CsvEventWriter extends ChunkedEventWriter {

    private final BufferedWriter out;
    private final boolean channels;
    private final StringBuilder row = new StringBuilder();

    private CsvEventWriter(BufferedWriter out, SensorGeometry geometry) {
        super(geometry, out, Long.MIN_VALUE, Long.MAX_VALUE);
        this.out = out;
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
        writeAll(create(file, events.geometry()), events);
    }

    @Override
    protected void encode(Events events) throws IOException {
        for (int i = 0; i < events.size(); i++) {
            row.setLength(0);
            row.append(events.t(i)).append(',').append(events.x(i));
            if (!channels) {
                row.append(',').append(events.y(i)).append(',').append(events.p(i));
            }
            out.append(row).append('\n');
        }
    }
}

package io.liquidstream.connectors.format.prophesee;

import io.liquidstream.connectors.format.ChunkedEventWriter;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes CD events as a Prophesee DAT file (see {@link DatReader} for the layout), chunk by chunk.
 * Times must fit the format's unsigned 32-bit microseconds (about 71 minutes).
 */
public final class DatWriter extends ChunkedEventWriter {

    private static final long TIME_LIMIT = 1L << 32;
    private static final int MAX_SIDE = 1 << 14;

    private final ByteSink out;

    private DatWriter(ByteSink out, SensorGeometry geometry) {
        super(geometry, out, 0, TIME_LIMIT);
        this.out = out;
    }

    /** Creates {@code file} with a header stating {@code geometry}. */
    public static DatWriter create(Path file, SensorGeometry geometry) throws IOException {
        EventRules.requireFits(geometry, MAX_SIDE, "DAT");
        ByteSink out = new ByteSink(Files.newOutputStream(file));
        out.text("% Data file containing CD events\n% Version 2\n% Width " + geometry.width() + "\n% Height "
                + geometry.height() + "\n");
        out.u8(DatReader.TYPE_EVENT_CD);
        out.u8(DatReader.EVENT_SIZE);
        return new DatWriter(out, geometry);
    }

    /** Writes {@code events} to a new file in one go. */
    public static void write(Path file, Events events) throws IOException {
        writeAll(create(file, events.geometry()), events);
    }

    @Override
    protected void encode(Events events) throws IOException {
        for (int i = 0; i < events.size(); i++) {
            out.s32((int) events.t(i));
            out.s32(events.x(i) | events.y(i) << 14 | events.p(i) << 28);
        }
    }
}

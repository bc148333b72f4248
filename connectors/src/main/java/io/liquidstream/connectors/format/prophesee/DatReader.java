package io.liquidstream.connectors.format.prophesee;

import io.liquidstream.connectors.format.ByteSource;
import io.liquidstream.connectors.format.ChunkedEventReader;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.connectors.format.GeometryScan;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Streams the CD events of a Prophesee DAT file.
 *
 * <p>Layout: ASCII lines {@code % keyword value} ({@code Data file containing CD events}, {@code Version 2},
 * {@code Width}, {@code Height}, ...), then one byte event type (0x0C EventCD or 0x00 Event2d) and one byte
 * event size (8), then 8-byte little-endian events: a uint32 timestamp in microseconds and a uint32 holding
 * x (bits 0-13), y (bits 14-27) and polarity (bits 28-31). The 32-bit timestamp wraps after about 71
 * minutes; a drop of more than 2<sup>31</sup> µs is read as a wrap and counted into 64-bit times.
 *
 * <p>Without Width/Height lines the geometry is the largest address + 1, found by a first streaming pass.
 */
public final class DatReader extends ChunkedEventReader {

    static final int TYPE_EVENT_2D = 0x00;
    static final int TYPE_EVENT_CD = 0x0C;
    static final int EVENT_SIZE = 8;
    private static final int ADDRESS_BITS = 14;
    private static final int ADDRESS_MASK = (1 << ADDRESS_BITS) - 1;
    private static final long WRAP = 1L << 32;

    private final ByteSource in;
    private long wraps;
    private long lastStamp = -1;

    private DatReader(Path file, ByteSource in, SensorGeometry geometry) {
        super("dat", file, geometry, in);
        this.in = in;
    }

    /**
     * Opens {@code file}, reading its header.
     *
     * @throws EventFormatException if the header is not a DAT header of 8-byte CD events
     */
    public static DatReader open(Path file) throws IOException {
        return open(file, null);
    }

    /** Whether {@code head}, a file's first bytes, starts with a DAT header. */
    public static boolean recognises(byte[] head) {
        return PropheseeHeader.parse(head).isDat();
    }

    private static DatReader open(Path file, SensorGeometry override) throws IOException {
        ByteSource in = new ByteSource(file, ByteOrder.LITTLE_ENDIAN);
        try {
            PropheseeHeader header = PropheseeHeader.read(in, file);
            long at = in.offset();
            if (in.available(2) < 2) {
                throw EventFormatException.atOffset(file, at, "file ends after the header; expected the event"
                        + " type and event size bytes");
            }
            int type = in.u8();
            int size = in.u8();
            if (type != TYPE_EVENT_CD && type != TYPE_EVENT_2D) {
                throw EventFormatException.atOffset(file, at, String.format("event type 0x%02X is not a CD event;"
                        + " expected 0x0C (EventCD) or 0x00 (Event2d)", type));
            }
            if (size != EVENT_SIZE) {
                throw EventFormatException.atOffset(file, at + 1, "event size " + size + " bytes; expected 8");
            }
            if (override != null) {
                return new DatReader(file, in, override);
            }
            if (header.geometry().isPresent()) {
                return new DatReader(file, in, header.geometry().get());
            }
            in.close();
            int max = 1 << ADDRESS_BITS;
            return open(file, GeometryScan.of(open(file, SensorGeometry.pixels(max, max))));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Decodes one event; false at the end of the file. */
    @Override
    protected boolean fill() throws IOException {
        long at = in.offset();
        if (!nextUnit(in, EVENT_SIZE, "an 8-byte event")) {
            return false;
        }
        long stamp = in.s32() & 0xffffffffL;
        int word = in.s32();
        int polarity = word >>> 28;
        if (polarity > 1) {
            throw chunk.damage(at, "polarity " + polarity + "; expected 0 (OFF) or 1 (ON)");
        }
        if (stamp < lastStamp && lastStamp - stamp > WRAP / 2) {
            wraps += WRAP;
        }
        lastStamp = stamp;
        chunk.add(wraps + stamp, word & ADDRESS_MASK, (word >>> ADDRESS_BITS) & ADDRESS_MASK, polarity, at);
        return true;
    }
}

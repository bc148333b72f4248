package io.liquidstream.connectors.format.aedat;

import io.liquidstream.connectors.format.ChunkedEventWriter;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes polarity events as an AEDAT 3.1 recording: one source (id 1, named after the sensor) and
 * polarity packets of at most {@value #PACKET_EVENTS} events, split wherever the 31-bit timestamp
 * overflows so that any non-negative 64-bit time survives.
 */
public final class Aedat31Writer extends ChunkedEventWriter {

    static final int PACKET_EVENTS = 4096;
    private static final short SOURCE_ID = 1;
    private static final int EVENT_BYTES = 8;
    private static final DateTimeFormatter START =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '(TZ'xx')'").withZone(ZoneOffset.UTC);

    private final OutputStream out;
    private final ByteBuffer packet =
            ByteBuffer.allocate(Aedat31Reader.PACKET_HEADER_BYTES + PACKET_EVENTS * EVENT_BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);

    private Aedat31Writer(OutputStream out, SensorGeometry geometry) {
        super(geometry, out, 0, Long.MAX_VALUE);
        this.out = out;
    }

    /** Creates a recording whose start time is the Unix epoch. */
    public static Aedat31Writer create(Path file, SensorGeometry geometry) throws IOException {
        return create(file, geometry, Instant.EPOCH);
    }

    /**
     * Creates a recording whose {@code #Start-Time} line (whole seconds, UTC) states {@code start}.
     *
     * @throws IllegalArgumentException if the sensor is wider or taller than 32768 pixels
     */
    public static Aedat31Writer create(Path file, SensorGeometry geometry, Instant start) throws IOException {
        if (geometry.width() > 0x8000 || geometry.height() > 0x8000 || geometry.polarities() != 2) {
            throw new IllegalArgumentException("AEDAT 3.1 holds 15-bit x and y with two polarities, not " + geometry);
        }
        String header = Aedat31Reader.VERSION_LINE + "\r\n"
                + "#Format: RAW\r\n"
                + "#Source " + SOURCE_ID + ": " + AedatSensors.caerSource(geometry) + "\r\n"
                + "#Start-Time: " + START.format(start) + "\r\n"
                + Aedat31Reader.END_LINE + "\r\n";
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        return new Aedat31Writer(out, geometry);
    }

    @Override
    protected void encode(Events events) throws IOException {
        int from = 0;
        while (from < events.size()) {
            long overflow = events.t(from) >>> Aedat31Reader.TS_OVERFLOW_SHIFT;
            int to = from + 1;
            while (to < events.size() && to - from < PACKET_EVENTS
                    && events.t(to) >>> Aedat31Reader.TS_OVERFLOW_SHIFT == overflow) {
                to++;
            }
            writePacket(events, from, to, overflow);
            from = to;
        }
    }

    private void writePacket(Events events, int from, int to, long overflow) throws IOException {
        int n = to - from;
        packet.clear();
        packet.putShort(Aedat31Reader.POLARITY_TYPE).putShort(SOURCE_ID).putInt(EVENT_BYTES).putInt(4)
                .putInt((int) overflow).putInt(n).putInt(n).putInt(n);
        for (int i = from; i < to; i++) {
            int data = 1 | (events.p(i) << 1) | (events.y(i) << 2) | (events.x(i) << 17);
            packet.putInt(data).putInt((int) (events.t(i) & 0x7fff_ffffL));
        }
        out.write(packet.array(), 0, packet.position());
    }
}

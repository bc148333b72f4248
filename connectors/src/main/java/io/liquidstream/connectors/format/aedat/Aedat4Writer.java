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

/**
 * Writes polarity events as an AEDAT 4.0 recording with one event stream (id 0) in packets of at most
 * {@value #PACKET_EVENTS} events, each compressed on its own.
 *
 * <p>No file data table is written (its position stays -1, as in a recording that was cut short), so
 * readers walk the packets from the start, as this project's reader always does.
 */
public final class Aedat4Writer extends ChunkedEventWriter {

    static final int PACKET_EVENTS = 4096;
    private static final int STREAM_ID = 0;

    private final OutputStream out;
    private final Aedat4Compression compression;
    private final ByteBuffer packetHeader = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    private Aedat4Writer(OutputStream out, SensorGeometry geometry, Aedat4Compression compression) {
        super(geometry, out, Long.MIN_VALUE, Long.MAX_VALUE);
        this.out = out;
        this.compression = compression;
    }

    /**
     * Creates a recording of a {@code geometry} sensor whose packets use {@code compression}.
     *
     * @throws IllegalArgumentException if the sensor does not fit the 16-bit coordinates of AEDAT 4.0
     */
    public static Aedat4Writer create(Path file, SensorGeometry geometry, Aedat4Compression compression)
            throws IOException {
        checkFits(geometry);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write((Aedat4Reader.VERSION_LINE + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(Aedat4Flatbuffers.ioHeader(compression, -1, infoNode(geometry, compression)));
        return new Aedat4Writer(out, geometry, compression);
    }

    /**
     * Writes to {@code out} what DV's network output sends each client: the IOHeader (without the version
     * line a file starts with), then the packets {@link #write} adds; {@link #flush} hands them on.
     */
    public static Aedat4Writer network(OutputStream out, SensorGeometry geometry, Aedat4Compression compression)
            throws IOException {
        checkFits(geometry);
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        buffered.write(Aedat4Flatbuffers.ioHeader(compression, -1, infoNode(geometry, compression)));
        return new Aedat4Writer(buffered, geometry, compression);
    }

    private static void checkFits(SensorGeometry geometry) {
        if (geometry.width() > Short.MAX_VALUE + 1 || geometry.height() > Short.MAX_VALUE + 1
                || geometry.polarities() != 2) {
            throw new IllegalArgumentException("AEDAT 4.0 holds 16-bit x and y with two polarities, not " + geometry);
        }
    }

    static String infoNode(SensorGeometry geometry, Aedat4Compression compression) {
        return "<dv version=\"2.0\"><node name=\"outInfo\" path=\"/outInfo/\">"
                + "<node name=\"" + STREAM_ID + "\" path=\"/outInfo/" + STREAM_ID + "/\">"
                + "<attr key=\"compression\" type=\"string\">" + compression + "</attr>"
                + "<attr key=\"originalOutputName\" type=\"string\">events</attr>"
                + "<attr key=\"typeDescription\" type=\"string\">Array of events (polarity ON/OFF).</attr>"
                + "<attr key=\"typeIdentifier\" type=\"string\">EVTS</attr>"
                + "<node name=\"info\" path=\"/outInfo/" + STREAM_ID + "/info/\">"
                + "<attr key=\"sizeX\" type=\"int\">" + geometry.width() + "</attr>"
                + "<attr key=\"sizeY\" type=\"int\">" + geometry.height() + "</attr>"
                + "<attr key=\"source\" type=\"string\">LiquidStream</attr>"
                + "</node></node></node></dv>";
    }

    @Override
    protected void encode(Events events) throws IOException {
        for (int from = 0; from < events.size(); from += PACKET_EVENTS) {
            int to = Math.min(events.size(), from + PACKET_EVENTS);
            byte[] payload = compression.compress(Aedat4Flatbuffers.eventPacket(events, from, to));
            packetHeader.clear();
            packetHeader.putInt(STREAM_ID).putInt(payload.length);
            out.write(packetHeader.array());
            out.write(payload);
        }
    }

    /** Hands everything written so far to the file or socket. */
    public void flush() throws IOException {
        out.flush();
    }
}

package io.liquidstream.connectors.format.aedat;

import io.liquidstream.connectors.format.ByteSource;
import io.liquidstream.connectors.format.ChunkedEventReader;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Streams the polarity events of an AEDAT 4.0 (DV / dv-processing) recording.
 *
 * <p>The file is {@code #!AER-DAT4.0\r\n}, a size-prefixed {@code IOHeader} FlatBuffer (compression,
 * data-table position, and an XML {@code infoNode} describing each output stream), then packets: int32
 * stream id, int32 size and that many bytes of a compressed, size-prefixed FlatBuffer. The events of the
 * lowest-numbered stream whose {@code typeIdentifier} is {@code EVTS} are decoded ({@code EventPacket}
 * of {@code Event {int64 timestamp; int16 x; int16 y; bool polarity}}); frames, IMU, triggers and other
 * event streams are skipped without decompressing. Reading stops at the file data table, when the header
 * gives its position. Event times are absolute, in µs since the epoch, as DV records them.
 */
public final class Aedat4Reader extends ChunkedEventReader {

    static final String VERSION_LINE = "#!AER-DAT4.0";
    static final int PACKET_HEADER_BYTES = 8;
    private static final int MAX_PACKET_BYTES = 1 << 30;

    private final ByteSource source;
    private final Aedat4Compression compression;
    private final int streamId;
    private final long dataTablePosition;

    private ByteBuffer packet;
    private int eventIndex;
    private int eventCount;
    private int eventsStart;
    private long packetOffset;

    private Aedat4Reader(Path file, ByteSource source, SensorGeometry geometry, Aedat4Compression compression,
            int streamId, long dataTablePosition) {
        super("aedat4", file, geometry, source);
        this.source = source;
        this.compression = compression;
        this.streamId = streamId;
        this.dataTablePosition = dataTablePosition;
    }

    /** Opens a recording, taking the sensor size from the event stream's {@code sizeX}/{@code sizeY}. */
    public static Aedat4Reader open(Path file) throws IOException {
        return open(file, null);
    }

    /**
     * Opens a recording; {@code fallback} (may be null) is the sensor size used when the header states none.
     *
     * @throws EventFormatException if the version line, the IOHeader or its infoNode is malformed, no
     *     event stream is declared, or no sensor size is known
     */
    public static Aedat4Reader open(Path file, SensorGeometry fallback) throws IOException {
        ByteSource source = AedatFiles.openVersion(file, VERSION_LINE, "AEDAT 4.0");
        try {
            long at = source.offset();
            if (!source.request(4)) {
                throw EventFormatException.atOffset(file, at, "file ends before the IOHeader size");
            }
            int size = source.buffer().getInt();
            Aedat4IoHeader header = Aedat4IoHeader.read(file, at, size, source::read, "file", fallback);
            return new Aedat4Reader(file, source, header.geometry(), header.compression(), header.stream().id(),
                    header.dataTablePosition());
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** The packet compression the header declares. */
    public Aedat4Compression compression() {
        return compression;
    }

    /** Where the file data table begins, or -1 if the header records none (yet). */
    public long dataTablePosition() {
        return dataTablePosition;
    }

    /** The id of the stream whose events are read. */
    public int streamId() {
        return streamId;
    }

    @Override
    protected boolean fill() throws IOException {
        while (!chunk.isFull()) {
            if (eventIndex == eventCount) {
                if (!nextEventPacket()) {
                    return false;
                }
                continue;
            }
            int at = eventsStart + eventIndex * Aedat4Flatbuffers.EVENT_BYTES;
            long t = packet.getLong(at);
            int x = packet.getShort(at + 8);
            int y = packet.getShort(at + 10);
            int p = packet.get(at + 12) != 0 ? 1 : 0;
            // the offset is the packet's: a compressed body has no byte offsets of its own
            chunk.add(t, x, y, p, packetOffset);
            eventIndex++;
        }
        return true;
    }

    /** Loads the next packet of the event stream, skipping others; false at the end of the packets. */
    private boolean nextEventPacket() throws IOException {
        while (true) {
            long at = source.offset();
            if (dataTablePosition >= 0 && at >= dataTablePosition) {
                return false;
            }
            if (!source.request(PACKET_HEADER_BYTES)) {
                if (source.buffered() == 0) {
                    return false;
                }
                throw chunk.damage(at, "file ends " + source.buffered() + " bytes into an 8-byte packet header");
            }
            int id = source.buffer().getInt();
            int size = source.buffer().getInt();
            if (size < 0 || size > MAX_PACKET_BYTES) {
                throw chunk.damage(at, "packet of stream " + id + " with size " + size + "; expected 0 to "
                        + MAX_PACKET_BYTES + " bytes");
            }
            if (id != streamId) {
                long skipped = source.skip(size);
                if (skipped < size) {
                    throw chunk.damage(at, "file ends " + skipped + " bytes into the " + size + "-byte packet of"
                            + " stream " + id);
                }
                continue;
            }
            byte[] payload = source.read(size);
            if (payload.length < size) {
                throw chunk.damage(at, "file ends " + payload.length + " bytes into the " + size + "-byte event"
                        + " packet");
            }
            packetOffset = at;
            load(payload);
            if (eventCount > 0) {
                return true;
            }
        }
    }

    private void load(byte[] payload) throws EventFormatException {
        byte[] body;
        try {
            body = compression.decompress(payload);
        } catch (IOException e) {
            throw chunk.damage(packetOffset, "event packet is not valid " + compression + " data: " + e.getMessage());
        }
        try {
            Aedat4Flatbuffers.EventSpan events = Aedat4Flatbuffers.locateEvents(body);
            packet = events.buffer();
            eventsStart = events.start();
            eventCount = events.count();
            eventIndex = 0;
        } catch (IllegalArgumentException e) {
            throw chunk.damage(packetOffset, e.getMessage());
        }
    }
}

package io.liquidstream.connectors.format.aedat;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Decodes AEDAT 4.0 read as a byte stream rather than a file: what iniVation's DV network output and
 * dv-processing's {@code NetworkWriter} send to each client that connects, or a recording read while it
 * is being written.
 *
 * <p>The stream is an optional version line {@code #!AER-DAT4.0\r\n} (files have it, network streams start
 * with the header), an int32 size and the IOHeader FlatBuffer, then packets: int32 stream id, int32 size
 * and that many bytes of a (compressed) size-prefixed FlatBuffer; integers are little-endian. The events of
 * the lowest-numbered {@code EVTS} stream are delivered packet by packet; packets of the other declared
 * streams are skipped unread. A stream has no file data table: a packet header naming an undeclared stream
 * is reported as damage, with its offset, so that a file's reader can check whether its data table begins
 * there.
 */
public final class Aedat4Stream {

    /** Receives the events of one packet, one call per event, in the packet's order. */
    @FunctionalInterface
    public interface Sink {
        void event(long timeMicros, int x, int y, int polarity);
    }

    private static final byte[] VERSION = (Aedat4Reader.VERSION_LINE + "\r\n").getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final Path origin;
    private final Aedat4Compression compression;
    private final Aedat4EventStream stream;
    private final SensorGeometry geometry;
    private final int maxPacketBytes;
    private final ByteBuffer word = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    private long offset;

    private Aedat4Stream(InputStream in, Path origin, Aedat4Compression compression, Aedat4EventStream stream,
            SensorGeometry geometry, int maxPacketBytes, long offset) {
        this.in = in;
        this.origin = origin;
        this.compression = compression;
        this.stream = stream;
        this.geometry = geometry;
        this.maxPacketBytes = maxPacketBytes;
        this.offset = offset;
    }

    /**
     * Reads the (optional) version line and the IOHeader.
     *
     * @param origin names the stream in errors, e.g. the file or {@code host:port}
     * @param fallback the sensor size when the header states none (may be null)
     * @param maxPacketBytes the largest packet accepted; a larger size is taken for damage, so that garbage
     *     cannot make the reader wait for, or allocate, gigabytes
     * @throws EventFormatException if the stream ends within the header, the header is malformed, declares no
     *     event stream, or no sensor size is known
     */
    public static Aedat4Stream open(InputStream in, Path origin, SensorGeometry fallback, int maxPacketBytes)
            throws IOException {
        byte[] start = in.readNBytes(4);
        long at = start.length;
        if (start.length == 4 && start[0] == '#' && start[1] == '!') {
            byte[] rest = in.readNBytes(VERSION.length - 4);
            at += rest.length;
            String line = new String(start, StandardCharsets.ISO_8859_1) + new String(rest, StandardCharsets.ISO_8859_1);
            if (!line.equals(new String(VERSION, StandardCharsets.ISO_8859_1))) {
                throw EventFormatException.atOffset(origin, 0, "expected the AEDAT 4.0 version line '"
                        + Aedat4Reader.VERSION_LINE + "' or an IOHeader, found '" + AedatFiles.printable(line.strip()) + "'");
            }
            start = in.readNBytes(4);
            at += start.length;
        }
        long sizeAt = at - start.length;
        if (start.length < 4) {
            throw EventFormatException.atOffset(origin, sizeAt, "stream ends before the IOHeader size");
        }
        int size = ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN).getInt();
        Aedat4IoHeader header = Aedat4IoHeader.read(origin, sizeAt, size, in::readNBytes, "stream", fallback);
        return new Aedat4Stream(in, origin, header.compression(), header.stream(), header.geometry(), maxPacketBytes,
                at + size);
    }

    public SensorGeometry geometry() {
        return geometry;
    }

    public Aedat4Compression compression() {
        return compression;
    }

    /** The id of the stream whose events are delivered. */
    public int streamId() {
        return stream.id();
    }

    /** Bytes consumed so far, counted from the start of the stream (the version line, when present). */
    public long offset() {
        return offset;
    }

    /**
     * Reads packets up to and including the next one of the event stream, handing its events to {@code sink}.
     *
     * @return how many events the packet held, or -1 if the stream ended cleanly before a packet header
     * @throws EventFormatException if the stream ends inside a packet, a header names an undeclared stream or
     *     a size outside 0 to the maximum, or the packet is not a valid compressed event packet; the offset is
     *     the packet header's
     */
    public int next(Sink sink) throws IOException {
        while (true) {
            long at = offset;
            word.clear();
            int got = in.readNBytes(word.array(), 0, 8);
            offset += got;
            if (got == 0) {
                return -1;
            }
            if (got < 8) {
                throw EventFormatException.atOffset(origin, at, "stream ends " + got + " bytes into an 8-byte packet"
                        + " header");
            }
            int id = word.getInt(0);
            int size = word.getInt(4);
            if (!stream.declared().contains(id)) {
                throw EventFormatException.atOffset(origin, at, "packet header names stream " + id + "; expected one"
                        + " of the declared streams " + stream.declared());
            }
            if (size < 0 || size > maxPacketBytes) {
                throw EventFormatException.atOffset(origin, at, "packet of stream " + id + " with size " + size
                        + "; expected 0 to " + maxPacketBytes + " bytes");
            }
            if (id != stream.id()) {
                long skipped = skip(size);
                offset += skipped;
                if (skipped < size) {
                    throw EventFormatException.atOffset(origin, at, "stream ends " + skipped + " bytes into the "
                            + size + "-byte packet of stream " + id);
                }
                continue;
            }
            byte[] payload = in.readNBytes(size);
            offset += payload.length;
            if (payload.length < size) {
                throw EventFormatException.atOffset(origin, at, "stream ends " + payload.length + " bytes into the "
                        + size + "-byte event packet");
            }
            return deliver(at, payload, sink);
        }
    }

    private int deliver(long at, byte[] payload, Sink sink) throws EventFormatException {
        byte[] body;
        try {
            body = compression.decompress(payload);
        } catch (IOException e) {
            throw EventFormatException.atOffset(origin, at, "event packet is not valid " + compression + " data: "
                    + e.getMessage());
        }
        Aedat4Flatbuffers.EventSpan events;
        try {
            events = Aedat4Flatbuffers.locateEvents(body);
        } catch (IllegalArgumentException e) {
            throw EventFormatException.atOffset(origin, at, e.getMessage());
        }
        ByteBuffer buffer = events.buffer();
        for (int i = 0; i < events.count(); i++) {
            int e = events.start() + i * Aedat4Flatbuffers.EVENT_BYTES;
            sink.event(buffer.getLong(e), buffer.getShort(e + 8), buffer.getShort(e + 10), buffer.get(e + 12) != 0 ? 1 : 0);
        }
        return events.count();
    }

    private long skip(long n) throws IOException {
        long done = 0;
        byte[] scratch = null;
        while (done < n) {
            long s = in.skip(n - done);
            if (s > 0) {
                done += s;
                continue;
            }
            // skip may refuse at the end of the data or on some streams; a read tells which
            if (scratch == null) {
                scratch = new byte[(int) Math.min(8192, n)];
            }
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}

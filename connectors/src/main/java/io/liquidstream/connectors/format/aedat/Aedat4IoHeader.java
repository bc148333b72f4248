package io.liquidstream.connectors.format.aedat;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * An AEDAT 4.0 IOHeader as a file ({@link Aedat4Reader}) or a stream ({@link Aedat4Stream}) states it: the
 * packet compression, where the file data table begins (-1: none), the event stream read and its sensor.
 */
record Aedat4IoHeader(Aedat4Compression compression, long dataTablePosition, Aedat4EventStream stream,
        SensorGeometry geometry) {

    /** The largest IOHeader taken for one; a larger size is damage, not a header to allocate for. */
    static final int MAX_BYTES = 64 << 20;

    /** Where an IOHeader's bytes come from: a file or a stream. */
    interface Bytes {
        /** Up to {@code n} bytes, fewer only where the input ends. */
        byte[] read(int n) throws IOException;
    }

    /**
     * Reads and decodes the IOHeader whose size prefix, read at {@code sizeAt}, says {@code size}, its bytes
     * following the prefix in {@code in}; {@code input} names what may end early ("file", "stream").
     *
     * @throws EventFormatException if the size cannot be an IOHeader's, the input ends within the header, or
     *     the header is malformed (see {@link #decode})
     */
    static Aedat4IoHeader read(Path origin, long sizeAt, int size, Bytes in, String input, SensorGeometry fallback)
            throws IOException {
        checkSize(origin, sizeAt, size);
        byte[] bytes = in.read(size);
        long at = sizeAt + 4;
        if (bytes.length < size) {
            throw EventFormatException.atOffset(origin, at, input + " ends " + bytes.length + " bytes into the "
                    + size + "-byte IOHeader");
        }
        return decode(origin, at, bytes, fallback);
    }

    private static void checkSize(Path origin, long sizeAt, int size) throws EventFormatException {
        if (size <= 8 || size > MAX_BYTES) {
            throw EventFormatException.atOffset(origin, sizeAt, "IOHeader size " + size + "; expected 9 to "
                    + MAX_BYTES + " bytes");
        }
    }

    /**
     * Decodes the IOHeader FlatBuffer {@code bytes} found at {@code at}; {@code fallback} (may be null) is the
     * sensor size used when the header states none.
     *
     * @throws EventFormatException if the FlatBuffer or its infoNode is malformed, no event stream is declared,
     *     or no sensor size is known
     */
    private static Aedat4IoHeader decode(Path origin, long at, byte[] bytes, SensorGeometry fallback)
            throws EventFormatException {
        String info;
        int code;
        long tablePosition;
        try {
            Aedat4Flatbuffers.IoHeader header = Aedat4Flatbuffers.IoHeader.of(ByteBuffer.wrap(bytes));
            code = header.compression();
            tablePosition = header.dataTablePosition();
            info = header.infoNode();
        } catch (IndexOutOfBoundsException e) {
            throw EventFormatException.atOffset(origin, at, "IOHeader FlatBuffer points outside its "
                    + bytes.length + " bytes");
        }
        Aedat4Compression compression = Aedat4Compression.fromCode(code).orElseThrow(() ->
                EventFormatException.atOffset(origin, at, "IOHeader compression " + code
                        + "; expected 0 (NONE) to 4 (ZSTD_HIGH)"));
        Aedat4EventStream stream = Aedat4EventStream.find(origin, at, info);
        SensorGeometry geometry = stream.geometry() != null ? stream.geometry() : fallback;
        if (geometry == null) {
            throw EventFormatException.atOffset(origin, at, "event stream " + stream.id() + " states no"
                    + " sizeX/sizeY; expected them in its info node, or an explicit sensor geometry");
        }
        return new Aedat4IoHeader(compression, tablePosition, stream, geometry);
    }
}

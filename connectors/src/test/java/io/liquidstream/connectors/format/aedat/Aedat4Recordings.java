package io.liquidstream.connectors.format.aedat;

import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What DV does to a recording when it stops writing it, for tests outside this package. */
public final class Aedat4Recordings {

    private Aedat4Recordings() {
    }

    /**
     * Finishes a recording written by {@link Aedat4Writer#create}: appends a stand-in for the file data table
     * at the end, then rewrites the header in place (same size: defaults are forced) to point at it, in that
     * order, as DV's writer does. Returns the table's position.
     */
    public static long finish(Path file, SensorGeometry geometry, Aedat4Compression compression) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            long table = channel.size();
            channel.write(ByteBuffer.wrap("a file data table, not a packet".getBytes(StandardCharsets.US_ASCII)), table);
            byte[] header = Aedat4Flatbuffers.ioHeader(compression, table, Aedat4Writer.infoNode(geometry, compression));
            channel.write(ByteBuffer.wrap(header), Aedat4Reader.VERSION_LINE.length() + 2);
            return table;
        }
    }
}

package io.liquidstream.connectors.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;

/**
 * A file read as it is being written, as {@code tail -f} does: at its current end a read waits (polling
 * every {@code poll}) for the writer to add more, until {@code stopped} says to give up; only then does it
 * report the end. A file that becomes shorter than what was read was replaced or truncated, which is an
 * error.
 */
final class GrowingFileInput extends InputStream {

    private final Path file;
    private final FileChannel channel;
    private final long pollMillis;
    private final BooleanSupplier stopped;
    private long position;

    GrowingFileInput(Path file, long pollMillis, BooleanSupplier stopped) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.pollMillis = pollMillis;
        this.stopped = stopped;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n = channel.read(ByteBuffer.wrap(b, off, len), position);
            if (n > 0) {
                position += n;
                return n;
            }
            long size = channel.size();
            if (size < position) {
                throw new IOException(file + " shrank to " + size + " bytes after " + position + " were read; was it"
                        + " replaced or truncated?");
            }
            if (stopped.getAsBoolean()) {
                return -1;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + file + " to grow");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

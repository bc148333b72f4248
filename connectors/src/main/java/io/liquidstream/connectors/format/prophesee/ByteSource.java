package io.liquidstream.connectors.format.prophesee;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** A buffered little-endian view of a file that knows the byte offset of every value it hands out. */
final class ByteSource implements Closeable {

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private long bufferStart;

    ByteSource(InputStream in) {
        this.in = in;
    }

    /** Offset in the file of the next unread byte. */
    long position() {
        return bufferStart + pos;
    }

    /** Makes up to {@code n} bytes readable; returns how many are, fewer than {@code n} only at end of file. */
    int require(int n) throws IOException {
        if (limit - pos >= n) {
            return n;
        }
        System.arraycopy(buffer, pos, buffer, 0, limit - pos);
        bufferStart += pos;
        limit -= pos;
        pos = 0;
        while (limit < n) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                break;
            }
            limit += read;
        }
        return Math.min(n, limit);
    }

    /** The next byte without consuming it, or -1 at end of file. */
    int peek() throws IOException {
        return require(1) == 1 ? buffer[pos] & 0xff : -1;
    }

    /** Call only after {@link #require} granted the bytes. */
    int u8() {
        return buffer[pos++] & 0xff;
    }

    int u16() {
        int v = (buffer[pos] & 0xff) | (buffer[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    int s32() {
        int v = (buffer[pos] & 0xff) | (buffer[pos + 1] & 0xff) << 8 | (buffer[pos + 2] & 0xff) << 16
                | (buffer[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    /**
     * Reads one text line (ASCII, ending at '\n' or end of file) of at most {@code maxLength} bytes.
     *
     * @return the line without its terminator, or {@code null} if it is longer than {@code maxLength}
     */
    String line(int maxLength) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = peek()) >= 0) {
            pos++;
            if (b == '\n') {
                break;
            }
            if (line.length() == maxLength) {
                return null;
            }
            line.append((char) b);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

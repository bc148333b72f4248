package io.liquidstream.connectors.format.prophesee;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A buffered little-endian writer of header text and binary words. */
final class ByteSink implements Closeable {

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int filled;

    ByteSink(OutputStream out) {
        this.out = out;
    }

    void text(String ascii) throws IOException {
        byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
        for (byte b : bytes) {
            u8(b);
        }
    }

    void u8(int v) throws IOException {
        room(1);
        buffer[filled++] = (byte) v;
    }

    void u16(int v) throws IOException {
        room(2);
        buffer[filled++] = (byte) v;
        buffer[filled++] = (byte) (v >>> 8);
    }

    void s32(int v) throws IOException {
        room(4);
        buffer[filled++] = (byte) v;
        buffer[filled++] = (byte) (v >>> 8);
        buffer[filled++] = (byte) (v >>> 16);
        buffer[filled++] = (byte) (v >>> 24);
    }

    private void room(int n) throws IOException {
        if (buffer.length - filled < n) {
            out.write(buffer, 0, filled);
            filled = 0;
        }
    }

    @Override
    public void close() throws IOException {
        try (out) {
            out.write(buffer, 0, filled);
            filled = 0;
        }
    }
}

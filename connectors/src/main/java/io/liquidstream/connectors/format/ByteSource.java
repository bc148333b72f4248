package io.liquidstream.connectors.format;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A file read forward through one fixed buffer, knowing the absolute offset of every byte it hands out.
 *
 * <p>The readers decode straight from {@link #buffer()} (or {@link #u8()}, {@link #u16()}, {@link #s32()})
 * after {@link #request(int)} has made enough bytes available, so no object is made per event and the file
 * is never held whole. Shared by the AEDAT and Prophesee readers.
 */
public final class ByteSource implements Closeable {

    public static final int CAPACITY = 1 << 16;

    private final SeekableByteChannel channel;
    private final ByteBuffer buffer;
    private final long size;
    /** File offset of buffer index 0. */
    private long bufferStart;

    /** @param order the byte order of {@link #u16()}, {@link #s32()} and {@link #buffer()}'s multi-byte reads */
    public ByteSource(Path file, ByteOrder order) throws IOException {
        this.channel = Files.newByteChannel(file);
        this.size = channel.size();
        this.buffer = ByteBuffer.allocate(CAPACITY).order(order);
        buffer.flip();
    }

    /** Absolute file offset of the next unread byte. */
    public long offset() {
        return bufferStart + buffer.position();
    }

    public long size() {
        return size;
    }

    /** Unread bytes currently buffered; position is the next unread byte. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public int buffered() {
        return buffer.remaining();
    }

    /**
     * Makes at least {@code n} (at most {@link #CAPACITY}) bytes available in {@link #buffer()}.
     *
     * @return false if the file ends first; {@link #buffered()} then says how many bytes were left
     */
    public boolean request(int n) throws IOException {
        if (buffer.remaining() >= n) {
            return true;
        }
        if (n > CAPACITY) {
            throw new IllegalArgumentException("cannot buffer " + n + " bytes, at most " + CAPACITY);
        }
        bufferStart += buffer.position();
        buffer.compact();
        while (buffer.position() < n && channel.read(buffer) >= 0) {
            // a channel may hand out fewer bytes than asked; keep reading until enough or the end
        }
        buffer.flip();
        return buffer.remaining() >= n;
    }

    /** As {@link #request}, saying how many of the {@code n} bytes are available: fewer only at the end of the file. */
    public int available(int n) throws IOException {
        return request(n) ? n : buffered();
    }

    /** The next byte without consuming it, or -1 at the end of the file. */
    public int peek() throws IOException {
        return request(1) ? buffer.get(buffer.position()) & 0xff : -1;
    }

    /** Reads up to {@code length} bytes; fewer only at the end of the file. */
    public byte[] read(int length) throws IOException {
        byte[] out = new byte[length];
        int filled = Math.min(length, buffer.remaining());
        buffer.get(out, 0, filled);
        if (filled < length) {
            ByteBuffer rest = ByteBuffer.wrap(out, filled, length - filled);
            while (rest.hasRemaining() && channel.read(rest) >= 0) {
                // read the rest directly, bypassing the buffer
            }
            filled = rest.position();
            bufferStart = channel.position();
            buffer.clear().flip();
        }
        return filled == length ? out : Arrays.copyOf(out, filled);
    }

    /** Skips up to {@code n} bytes; fewer only at the end of the file. Returns how many were skipped. */
    public long skip(long n) throws IOException {
        int inBuffer = (int) Math.min(n, buffer.remaining());
        buffer.position(buffer.position() + inBuffer);
        if (inBuffer == n) {
            return n;
        }
        long here = offset();
        long target = Math.min(size, here + (n - inBuffer));
        channel.position(target);
        bufferStart = target;
        buffer.clear().flip();
        return inBuffer + (target - here);
    }

    /**
     * Reads one text line ending in LF (a CR before it is dropped), at most {@code maxBytes} long.
     *
     * @return the line without its terminator, or null if the file has no byte left or the line is longer
     *     than {@code maxBytes} (nothing is consumed then beyond what was scanned)
     */
    public String readLine(int maxBytes) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = peek()) >= 0) {
            buffer.get();
            if (b == '\n') {
                return stripCr(line);
            }
            if (line.length() == maxBytes) {
                return null;
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : stripCr(line);
    }

    /** The next byte, unsigned; call only after {@link #request} granted it. */
    public int u8() {
        return buffer.get() & 0xff;
    }

    /** The next two bytes as an unsigned number; call only after {@link #request} granted them. */
    public int u16() {
        return buffer.getShort() & 0xffff;
    }

    /** The next four bytes as a signed number; call only after {@link #request} granted them. */
    public int s32() {
        return buffer.getInt();
    }

    private static String stripCr(StringBuilder line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        byte[] bytes = new byte[end];
        for (int i = 0; i < end; i++) {
            bytes[i] = (byte) line.charAt(i);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

package io.liquidstream.connectors.format.csv;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** Reads a text file line by line, remembering each line's number and starting byte offset. */
final class LineSource implements Closeable {

    /** One line without its terminator. */
    record Line(String text, long offset, long number) {
    }

    /** Longer lines are damage, so a binary file read as CSV cannot exhaust memory. */
    static final int MAX_LINE = 1 << 16;

    private final InputStream in;
    private final StringBuilder text = new StringBuilder();
    private long position;
    private long number;

    LineSource(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /** The next line, {@code null} at end of file; a line over {@link #MAX_LINE} bytes comes back cut there. */
    Line next() throws IOException {
        long start = position;
        text.setLength(0);
        int b;
        while ((b = in.read()) >= 0) {
            position++;
            if (b == '\n') {
                break;
            }
            if (text.length() < MAX_LINE + 1) {
                text.append((char) b);
            }
        }
        if (b < 0 && position == start) {
            return null;
        }
        number++;
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\r') {
            end--;
        }
        return new Line(text.substring(0, end), start, number);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

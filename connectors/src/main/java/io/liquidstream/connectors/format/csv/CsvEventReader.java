package io.liquidstream.connectors.format.csv;

import io.liquidstream.connectors.format.ChunkedEventReader;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.connectors.format.GeometryScan;
import io.liquidstream.connectors.format.csv.LineSource.Line;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams events from a plain CSV file: rows {@code t,x,y,p} (vision; t in integer microseconds, p 0/1,
 * -1 also read as OFF) or {@code t,channel} (one-dimensional sources), optionally after a header row
 * naming the columns (detected: a first row that is not all numbers), with {@code #} comment lines and
 * blank lines anywhere.
 *
 * <p>The geometry comes from a {@code # geometry WxHxP} comment before the first row ({@code WxH} and
 * {@code W} also work; polarities default to 2 for vision and 1 for channels). Without it, a first streaming
 * pass takes the largest x + 1 and y + 1 (the file may not show the sensor's full extent then).
 */
public final class CsvEventReader extends ChunkedEventReader {

    private static final Pattern GEOMETRY = Pattern.compile(
            "#\\s*geometry\\s+(\\d+)(?:\\s*x\\s*(\\d+))?(?:\\s*x\\s*(\\d+))?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d*)?([eE][-+]?\\d+)?");

    private final LineSource lines;
    private final CsvLayout layout;
    private Line pending;

    /** What precedes the events: the column layout, a declared geometry and the first data row. */
    private record Preamble(CsvLayout layout, Optional<SensorGeometry> geometry, Line firstRow) {
    }

    private CsvEventReader(Path file, LineSource lines, Preamble preamble, SensorGeometry geometry) {
        super("csv", file, geometry, lines);
        this.lines = lines;
        this.layout = preamble.layout();
        this.pending = preamble.firstRow();
    }

    /**
     * Opens {@code file}, reading its comments and header row.
     *
     * @throws EventFormatException if the header row or first row matches no known layout
     */
    public static CsvEventReader open(Path file) throws IOException {
        return open(file, null);
    }

    private static CsvEventReader open(Path file, SensorGeometry override) throws IOException {
        LineSource lines = new LineSource(Files.newInputStream(file));
        try {
            Preamble preamble = preamble(lines, file);
            if (override != null) {
                return new CsvEventReader(file, lines, preamble, override);
            }
            if (preamble.geometry().isPresent()) {
                return new CsvEventReader(file, lines, preamble, preamble.geometry().get());
            }
            lines.close();
            SensorGeometry provisional = preamble.layout().vision()
                    ? new SensorGeometry(Integer.MAX_VALUE, Integer.MAX_VALUE, 2)
                    : SensorGeometry.channels(Integer.MAX_VALUE);
            return open(file, GeometryScan.of(open(file, provisional)));
        } catch (IOException | RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    /** Whether {@code head}, a file's first bytes, is text whose first row fits a known layout. */
    public static boolean recognises(byte[] head) {
        for (byte b : head) {
            if ((b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t') || b == 0x7f) {
                return false;
            }
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.startsWith("#!")) {
            return false;
        }
        for (String line : text.split("\n", -1)) {
            String s = line.trim();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            List<String> fields = split(s);
            return numeric(fields) ? CsvLayout.byCount(fields.size()).isPresent()
                    : CsvLayout.byNames(fields).isPresent();
        }
        return false;
    }

    private static Preamble preamble(LineSource lines, Path file) throws IOException {
        String[] declared = null;
        CsvLayout layout = null;
        for (Line next = lines.next(); next != null; next = lines.next()) {
            Line line = next;
            String s = line.text().trim();
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("#")) {
                Matcher m = GEOMETRY.matcher(s);
                if (m.matches()) {
                    declared = new String[] {m.group(1), m.group(2), m.group(3)};
                }
                continue;
            }
            requireLength(line, file);
            List<String> fields = split(s);
            if (layout == null && !numeric(fields)) {
                layout = CsvLayout.byNames(fields).orElseThrow(() -> EventFormatException.atOffset(file,
                        line.offset(), "line " + line.number() + ": header row '" + s + "' names no known layout;"
                                + " expected " + CsvLayout.EXPECTED));
                continue;
            }
            if (layout == null) {
                layout = CsvLayout.byCount(fields.size()).orElseThrow(() -> EventFormatException.atOffset(file,
                        line.offset(), "line " + line.number() + ": first row has " + fields.size()
                                + " fields; expected " + CsvLayout.EXPECTED));
            }
            return new Preamble(layout, geometry(declared, layout), line);
        }
        if (layout == null) {
            boolean channels = declared != null && declared[1] != null && declared[1].equals("1")
                    && declared[2] != null && declared[2].equals("1");
            layout = CsvLayout.byCount(channels ? 2 : 4).orElseThrow();
        }
        SensorGeometry empty = layout.vision() ? SensorGeometry.pixels(1, 1) : SensorGeometry.channels(1);
        return new Preamble(layout, Optional.of(geometry(declared, layout).orElse(empty)), null);
    }

    private static Optional<SensorGeometry> geometry(String[] declared, CsvLayout layout) {
        if (declared == null) {
            return Optional.empty();
        }
        int width = Integer.parseInt(declared[0]);
        int height = declared[1] == null ? 1 : Integer.parseInt(declared[1]);
        int polarities = declared[2] == null ? (layout.vision() ? 2 : 1) : Integer.parseInt(declared[2]);
        return Optional.of(new SensorGeometry(width, height, polarities));
    }

    /** Reads one line; false at the end of the file. */
    @Override
    protected boolean fill() throws IOException {
        Line line = pending != null ? pending : lines.next();
        pending = null;
        if (line == null) {
            return false;
        }
        String s = line.text().trim();
        if (!s.isEmpty() && !s.startsWith("#")) {
            row(line, s);
        }
        return true;
    }

    private void row(Line line, String s) throws EventFormatException {
        if (line.text().length() > LineSource.MAX_LINE) {
            throw chunk.damage(line.offset(), "line " + line.number() + " is longer than " + LineSource.MAX_LINE
                    + " bytes; expected rows of " + layout.describe());
        }
        String[] fields = s.split(",", -1);
        if (fields.length != layout.fields()) {
            throw chunk.damage(line.offset(), "line " + line.number() + " has " + fields.length + " fields; expected "
                    + layout.fields() + " (" + layout.describe() + ")");
        }
        long t = parse(fields[layout.t()], "t", line);
        int x = (int) parse(fields[layout.x()], layout.vision() ? "x" : "channel", line);
        int y = layout.vision() ? (int) parse(fields[layout.y()], "y", line) : 0;
        int p = 0;
        if (layout.vision()) {
            long polarity = parse(fields[layout.p()], "p", line);
            if (polarity < -1 || polarity > 1) {
                throw chunk.damage(line.offset(), "line " + line.number() + ": polarity " + polarity
                        + "; expected 0 or -1 (OFF) or 1 (ON)");
            }
            p = polarity == 1 ? 1 : 0;
        }
        chunk.add(t, x, y, p, line.offset());
    }

    private long parse(String field, String column, Line line) throws EventFormatException {
        String f = field.trim();
        try {
            long v = Long.parseLong(f);
            if (!column.equals("t") && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw chunk.damage(line.offset(), "line " + line.number() + ": " + column + " '" + f + "' is not an"
                    + (column.equals("t") ? " integer number of microseconds" : " integer"));
        }
    }

    private static void requireLength(Line line, Path file) throws EventFormatException {
        if (line.text().length() > LineSource.MAX_LINE) {
            throw EventFormatException.atOffset(file, line.offset(), "line " + line.number() + " is longer than "
                    + LineSource.MAX_LINE + " bytes; expected a CSV header or row");
        }
    }

    private static List<String> split(String s) {
        return Arrays.asList(s.split(",", -1));
    }

    private static boolean numeric(List<String> fields) {
        return fields.stream().allMatch(f -> NUMBER.matcher(f.trim()).matches());
    }
}

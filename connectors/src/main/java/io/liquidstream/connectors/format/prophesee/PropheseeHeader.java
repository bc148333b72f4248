package io.liquidstream.connectors.format.prophesee;

import io.liquidstream.connectors.format.ByteSource;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ASCII header shared by Prophesee DAT and RAW files: lines of the form {@code % keyword value},
 * ending at the first byte that is not '%' or after a {@code % end} line (RAW files written by Metavision).
 */
final class PropheseeHeader {

    private static final int MAX_LINE = 4096;
    private static final Pattern GEOMETRY = Pattern.compile("(\\d+)\\s*x\\s*(\\d+)");
    private static final Pattern FORMAT_FIELD = Pattern.compile("(width|height)\\s*=\\s*(\\d+)");

    private final List<String> lines;

    private PropheseeHeader(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** Reads the header from the start of {@code in}, leaving it at the first binary byte. */
    static PropheseeHeader read(ByteSource in, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        while (in.peek() == '%') {
            long at = in.offset();
            String line = in.readLine(MAX_LINE);
            if (line == null) {
                throw EventFormatException.atOffset(file, at, "header line longer than " + MAX_LINE
                        + " bytes; expected '%' lines ending in a newline");
            }
            String content = line.substring(1).trim();
            lines.add(content);
            if (content.equalsIgnoreCase("end")) {
                break;
            }
        }
        return new PropheseeHeader(lines);
    }

    /** Parses the complete '%' lines at the start of {@code head} (a file's first bytes), for format detection. */
    static PropheseeHeader parse(byte[] head) {
        List<String> lines = new ArrayList<>();
        int i = 0;
        while (i < head.length && head[i] == '%') {
            int end = i;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            if (end == head.length) {
                break;
            }
            String content = new String(head, i + 1, end - i - 1, StandardCharsets.ISO_8859_1).trim();
            lines.add(content);
            if (content.equalsIgnoreCase("end")) {
                break;
            }
            i = end + 1;
        }
        return new PropheseeHeader(lines);
    }

    List<String> lines() {
        return lines;
    }

    /** The value after {@code keyword} (case-insensitive) on its first line, if present. */
    Optional<String> value(String keyword) {
        String prefix = keyword.toLowerCase(Locale.ROOT);
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith(prefix) && (lower.length() == prefix.length()
                    || Character.isWhitespace(lower.charAt(prefix.length())))) {
                return Optional.of(line.substring(prefix.length()).trim());
            }
        }
        return Optional.empty();
    }

    /** {@code evt2}, {@code evt21} or {@code evt3} when a RAW header names its encoding. */
    Optional<String> encoding() {
        Optional<String> evt = value("evt");
        if (evt.isPresent()) {
            return Optional.of("evt" + evt.get().replace(".0", "").replace(".", ""));
        }
        return value("format").map(f -> f.split(";")[0].trim().toLowerCase(Locale.ROOT));
    }

    /** Whether this is a DAT header (its mandatory "Data file containing" or "Version" line). */
    boolean isDat() {
        return value("Data file containing").isPresent()
                || (value("Version").isPresent() && encoding().isEmpty());
    }

    /** Sensor size from "% Width"/"% Height" (DAT), "% format ...;height=H;width=W" or "% geometry WxH" (RAW). */
    Optional<SensorGeometry> geometry() {
        Optional<String> width = value("Width");
        Optional<String> height = value("Height");
        if (width.isPresent() && height.isPresent() && positive(width.get()) > 0 && positive(height.get()) > 0) {
            return Optional.of(SensorGeometry.pixels(positive(width.get()), positive(height.get())));
        }
        Optional<String> format = value("format");
        if (format.isPresent()) {
            Matcher m = FORMAT_FIELD.matcher(format.get().toLowerCase(Locale.ROOT));
            int w = 0;
            int h = 0;
            while (m.find()) {
                if (m.group(1).equals("width")) {
                    w = positive(m.group(2));
                } else {
                    h = positive(m.group(2));
                }
            }
            if (w > 0 && h > 0) {
                return Optional.of(SensorGeometry.pixels(w, h));
            }
        }
        return value("geometry").map(GEOMETRY::matcher).filter(Matcher::find)
                .filter(m -> positive(m.group(1)) > 0 && positive(m.group(2)) > 0)
                .map(m -> SensorGeometry.pixels(positive(m.group(1)), positive(m.group(2))));
    }

    private static int positive(String digits) {
        try {
            return Math.max(0, Integer.parseInt(digits.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

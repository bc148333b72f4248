package io.liquidstream.connectors.format.aedat;

import io.liquidstream.connectors.format.ByteSource;
import io.liquidstream.connectors.format.ChunkedEventReader;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams the polarity events of an AEDAT 2.0 (jAER) recording.
 *
 * <p>The file is {@code #}-prefixed ASCII header lines, the first being {@code #!AER-DAT2.0}, then
 * big-endian (int32 address, int32 timestamp in µs) records until the end. The address is decoded with an
 * {@link Aedat2Layout} named by the {@code # AEChip:} header line (or given); records that are not
 * polarity events (APS and IMU samples, external inputs) are skipped. The 32-bit timestamps wrap around;
 * a drop of more than 2<sup>31</sup> µs is read as a wrap, so times keep growing past 32 bits.
 *
 * <p>The start time comes from jAER's {@code # Creation time: System.currentTimeMillis() <ms>} line, or
 * else from a {@code # created <date>} / {@code # Creation date: <date>} line. Event times stay relative
 * to the device clock, as recorded.
 */
public final class Aedat2Reader extends ChunkedEventReader {

    static final String VERSION_LINE = "#!AER-DAT2.0";
    static final int RECORD_BYTES = 8;
    static final int MAX_HEADER_LINE = 1 << 20;

    private static final Pattern MILLIS = Pattern.compile("currentTimeMillis\\(\\)\\s+(\\d+)");
    private static final Pattern DATE_LINE = Pattern.compile("(?i)^(?:created|creation date:)\\s+(.+)$");
    private static final DateTimeFormatter JAVA_DATE =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz yyyy", Locale.ENGLISH);

    private final Path file;
    private final ByteSource source;
    private final Aedat2Layout layout;
    private final SensorGeometry geometry;
    private final Long startMicros;
    private long wraps;
    private long lastStamp = -1;

    private Aedat2Reader(Path file, ByteSource source, Aedat2Layout layout, SensorGeometry geometry,
            Long startMicros) {
        super("aedat2", file, geometry, source);
        this.file = file;
        this.source = source;
        this.layout = layout;
        this.geometry = geometry;
        this.startMicros = startMicros;
    }

    /** Opens a recording, taking the address layout and sensor size from its {@code # AEChip:} line. */
    public static Aedat2Reader open(Path file) throws IOException {
        return open(file, null, null);
    }

    /**
     * Opens a recording with an explicit address layout and/or sensor size; a null argument is taken
     * from the {@code # AEChip:} header line, else DVS128 and its 128×128 array are assumed.
     *
     * @throws EventFormatException if the version line is not {@code #!AER-DAT2.0}, or the DAVIS layout is
     *     used without a known chip or a given geometry
     * @throws IllegalArgumentException if the geometry does not fit the layout's address bits
     */
    public static Aedat2Reader open(Path file, Aedat2Layout layout, SensorGeometry geometry) throws IOException {
        ByteSource source = new ByteSource(file, ByteOrder.BIG_ENDIAN);
        try {
            List<String> header = readHeader(file, source);
            String chip = header.stream()
                    .filter(line -> line.startsWith("AEChip:"))
                    .map(line -> line.substring("AEChip:".length()).trim())
                    .findFirst()
                    .orElse("");
            Aedat2Layout chosen = layout != null ? layout
                    : AedatSensors.layoutOf(chip).orElse(Aedat2Layout.DVS128);
            SensorGeometry size = geometry;
            if (size == null && AedatSensors.layoutOf(chip).orElse(null) == chosen) {
                size = AedatSensors.geometryOf(chip).orElse(null);
            }
            if (size == null && chosen == Aedat2Layout.DVS128) {
                size = SensorGeometry.pixels(128, 128);
            }
            if (size == null) {
                throw EventFormatException.atOffset(file, source.offset(), "the header names no known DAVIS chip"
                        + " (AEChip: '" + chip + "'); expected one, or an explicit sensor geometry");
            }
            if (!chosen.fits(size)) {
                throw new IllegalArgumentException(
                        "sensor " + size + " does not fit the " + chosen + " address layout of " + file);
            }
            return new Aedat2Reader(file, source, chosen, size, startMicros(header));
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** Reads the version line and every {@code #} line after it; returns them without the {@code #}. */
    private static List<String> readHeader(Path file, ByteSource source) throws IOException {
        String version = source.readLine(64);
        if (!VERSION_LINE.equals(version)) {
            throw EventFormatException.atOffset(file, 0, "expected the AEDAT 2.0 version line '" + VERSION_LINE
                    + "', found '" + AedatFiles.printable(version) + "'");
        }
        List<String> lines = new ArrayList<>();
        while (source.peek() == '#') {
            long at = source.offset();
            String line = source.readLine(MAX_HEADER_LINE);
            if (line == null) {
                throw EventFormatException.atOffset(file, at, "expected a header line ending in LF within "
                        + MAX_HEADER_LINE + " bytes");
            }
            lines.add(line.substring(1).trim());
        }
        return lines;
    }

    private static Long startMicros(List<String> header) {
        for (String line : header) {
            Matcher millis = MILLIS.matcher(line);
            if (millis.find()) {
                return Long.parseLong(millis.group(1)) * 1000;
            }
        }
        for (String line : header) {
            Matcher date = DATE_LINE.matcher(line);
            if (date.find()) {
                try {
                    return ZonedDateTime.parse(date.group(1).trim(), JAVA_DATE).toInstant().toEpochMilli() * 1000;
                } catch (DateTimeParseException unknownZoneOrFormat) {
                    // a date jAER wrote in another locale or zone spelling: the start time stays unknown
                }
            }
        }
        return null;
    }

    @Override
    public Optional<Long> startEpochMicros() {
        return Optional.ofNullable(startMicros);
    }

    /** The address layout the records are decoded with. */
    public Aedat2Layout layout() {
        return layout;
    }

    @Override
    protected boolean fill() throws IOException {
        int width = geometry.width();
        while (!chunk.isFull()) {
            if (!source.request(RECORD_BYTES)) {
                if (source.buffered() == 0) {
                    return false;
                }
                throw chunk.damage(source.offset(), "file ends " + source.buffered() + " bytes into an 8-byte"
                        + " (address, timestamp) record; expected whole records up to " + source.size());
            }
            long at = source.offset();
            ByteBuffer records = source.buffer();
            int address = records.getInt();
            int stamp = records.getInt();
            if (layout.isPolarityEvent(address)) {
                chunk.add(unwrap(stamp), layout.x(address, width), layout.y(address), layout.polarity(address), at);
            }
        }
        return true;
    }

    private long unwrap(int stamp) {
        long unsigned = stamp & 0xffff_ffffL;
        if (lastStamp >= 0 && lastStamp - unsigned > (1L << 31)) {
            wraps++;
        }
        lastStamp = unsigned;
        return (wraps << 32) + unsigned;
    }

    @Override
    public String toString() {
        return "Aedat2Reader[" + file + ", " + layout + ", " + geometry + "]";
    }
}

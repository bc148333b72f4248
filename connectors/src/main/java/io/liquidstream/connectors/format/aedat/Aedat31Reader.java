package io.liquidstream.connectors.format.aedat;

import io.liquidstream.connectors.format.ByteSource;
import io.liquidstream.connectors.format.ChunkedEventReader;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams the polarity events of an AEDAT 3.1 (cAER / libcaer) recording.
 *
 * <p>After the header lines ({@code #!AER-DAT3.1}, {@code #Format: RAW}, {@code #Source <id>: <device>},
 * {@code #Start-Time: ...}, ..., {@code #!END-HEADER}) come little-endian event packets: a 28-byte header
 * (type, source, eventSize, eventTSOffset, eventTSOverflow, eventCapacity, eventNumber, eventValid) and
 * {@code eventCapacity × eventSize} bytes of events. Polarity packets (type 1) of the first declared
 * source are decoded; each event is a 32-bit word (valid bit 0, polarity bit 1, y bits 2–16, x bits
 * 17–31) and a 31-bit timestamp, extended to 64 bits by the packet's overflow counter. Invalid events and
 * all other packets are skipped. Coordinates are as recorded, (0, 0) at the upper left.
 */
public final class Aedat31Reader extends ChunkedEventReader {

    static final String VERSION_LINE = "#!AER-DAT3.1";
    static final String END_LINE = "#!END-HEADER";
    static final int PACKET_HEADER_BYTES = 28;
    static final short POLARITY_TYPE = 1;
    static final int TS_OVERFLOW_SHIFT = 31;

    private static final Pattern SOURCE = Pattern.compile("^#Source (\\d+):\\s*(.*)$");
    private static final Pattern START = Pattern.compile(
            "^#Start-Time:\\s*(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}) \\(TZ([+-]\\d{4})\\)");

    private final ByteSource source;
    private final int sourceId;
    private final Long startMicros;

    private int eventsLeft;
    private int eventSize;
    private int tsOffset;
    private long overflow;
    private long packetOffset;

    private Aedat31Reader(Path file, ByteSource source, SensorGeometry geometry, int sourceId, Long startMicros) {
        super("aedat31", file, geometry, source);
        this.source = source;
        this.sourceId = sourceId;
        this.startMicros = startMicros;
    }

    /** Opens a recording, taking the sensor size from the device named by its first {@code #Source} line. */
    public static Aedat31Reader open(Path file) throws IOException {
        return open(file, null);
    }

    /**
     * Opens a recording with an explicit sensor size (null: from the {@code #Source} line).
     *
     * @throws EventFormatException if the header is not a RAW AEDAT 3.1 header, or the sensor size is
     *     neither given nor known from the source's device name
     */
    public static Aedat31Reader open(Path file, SensorGeometry geometry) throws IOException {
        ByteSource source = AedatFiles.openVersion(file, VERSION_LINE, "AEDAT 3.1");
        try {
            int sourceId = -1;
            String device = null;
            Long start = null;
            while (true) {
                long at = source.offset();
                String line = source.readLine(Aedat2Reader.MAX_HEADER_LINE);
                if (line == null || !line.startsWith("#")) {
                    throw EventFormatException.atOffset(file, at, "expected a '#' header line or '" + END_LINE
                            + "', found '" + AedatFiles.printable(line) + "'");
                }
                if (line.equals(END_LINE)) {
                    break;
                }
                if (line.startsWith("#Format:") && !line.substring("#Format:".length()).trim().equals("RAW")) {
                    throw EventFormatException.atOffset(file, at, "expected '#Format: RAW', found '"
                            + AedatFiles.printable(line) + "'; compressed AEDAT 3.1 formats are not supported");
                }
                Matcher sourceLine = SOURCE.matcher(line);
                if (sourceId < 0 && sourceLine.find()) {
                    sourceId = Integer.parseInt(sourceLine.group(1));
                    device = sourceLine.group(2).trim();
                }
                Matcher startLine = START.matcher(line);
                if (startLine.find()) {
                    start = parseStart(startLine);
                }
            }
            SensorGeometry size = geometry != null ? geometry
                    : device == null ? null : AedatSensors.geometryOf(device).orElse(null);
            if (size == null) {
                throw EventFormatException.atOffset(file, source.offset(), "the header names no known sensor"
                        + " (#Source: '" + AedatFiles.printable(device) + "'); expected a known device or an"
                        + " explicit sensor geometry");
            }
            return new Aedat31Reader(file, source, size, sourceId, start);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private static Long parseStart(Matcher start) {
        try {
            LocalDateTime local = LocalDateTime.parse(start.group(1) + "T" + start.group(2));
            return local.toInstant(ZoneOffset.of(start.group(3))).toEpochMilli() * 1000;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public Optional<Long> startEpochMicros() {
        return Optional.ofNullable(startMicros);
    }

    @Override
    protected boolean fill() throws IOException {
        while (!chunk.isFull()) {
            if (eventsLeft == 0) {
                if (!nextPolarityPacket()) {
                    return false;
                }
                continue;
            }
            long at = source.offset();
            if (!source.request(eventSize)) {
                throw chunk.damage(at, "file ends " + source.buffered() + " bytes into a " + eventSize
                        + "-byte polarity event of the packet at byte " + packetOffset + ", with " + eventsLeft
                        + " events of it left");
            }
            ByteBuffer events = source.buffer();
            int base = events.position();
            int data = events.getInt(base);
            int stamp = events.getInt(base + tsOffset);
            events.position(base + eventSize);
            eventsLeft--;
            if ((data & 1) == 0) {
                continue;
            }
            long t = (overflow << TS_OVERFLOW_SHIFT) | (stamp & 0x7fff_ffffL);
            chunk.add(t, (data >>> 17) & 0x7fff, (data >>> 2) & 0x7fff, (data >>> 1) & 1, at);
        }
        return true;
    }

    /** Moves to the next polarity packet of the source, skipping others; false at the end of the file. */
    private boolean nextPolarityPacket() throws IOException {
        while (true) {
            long at = source.offset();
            if (!source.request(PACKET_HEADER_BYTES)) {
                if (source.buffered() == 0) {
                    return false;
                }
                throw chunk.damage(at, "file ends " + source.buffered() + " bytes into a 28-byte packet header");
            }
            ByteBuffer header = source.buffer();
            short type = header.getShort();
            short packetSource = header.getShort();
            int size = header.getInt();
            int stampOffset = header.getInt();
            int stampOverflow = header.getInt();
            int capacity = header.getInt();
            int number = header.getInt();
            header.getInt(); // eventValid: the valid mark of each event decides
            if (size <= 0 || capacity < 0 || number < 0 || number > capacity) {
                throw chunk.damage(at, "packet header with eventSize " + size + ", eventCapacity " + capacity
                        + ", eventNumber " + number + "; expected a positive size and 0 <= number <= capacity");
            }
            boolean wanted = type == POLARITY_TYPE && (sourceId < 0 || packetSource == sourceId);
            if (wanted) {
                if (size < 8 || size > ByteSource.CAPACITY || stampOffset < 4 || stampOffset > size - 4) {
                    throw chunk.damage(at, "polarity packet with eventSize " + size + " and eventTSOffset "
                            + stampOffset + "; expected 8-byte events with the timestamp at offset 4");
                }
                packetOffset = at;
                eventSize = size;
                tsOffset = stampOffset;
                overflow = stampOverflow & 0xffff_ffffL;
                eventsLeft = capacity;
                return true;
            }
            long payload = (long) capacity * size;
            long skipped = source.skip(payload);
            if (skipped < payload) {
                throw chunk.damage(at, "file ends " + skipped + " bytes into the " + payload + "-byte body of the"
                        + " type " + type + " packet at this offset");
            }
        }
    }
}

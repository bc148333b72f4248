package io.liquidstream.connectors.format.prophesee;

import io.liquidstream.connectors.format.ByteSource;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opening of Prophesee RAW files: header, encoding check and geometry, shared by the EVT readers. */
final class RawFiles {

    /** EVT 2.0 and 3.0 addresses are 11 bits. */
    static final int MAX_SIDE = 2048;

    private RawFiles() {
    }

    /** An open RAW file positioned at its first event word. */
    record Opened(ByteSource in, PropheseeHeader header) {
    }

    /**
     * Opens {@code file} and reads its header; rejects a header that names an encoding other than
     * {@code expected} (a header naming none is accepted).
     */
    static Opened open(Path file, String expected) throws IOException {
        ByteSource in = new ByteSource(file, ByteOrder.LITTLE_ENDIAN);
        try {
            PropheseeHeader header = PropheseeHeader.read(in, file);
            String encoding = header.encoding().orElse(expected);
            if (!encoding.equals(expected)) {
                throw EventFormatException.atOffset(file, 0, "RAW header names encoding '" + encoding
                        + "'; expected " + expected.toUpperCase(Locale.ROOT));
            }
            return new Opened(in, header);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The header's geometry, or the full 11-bit address space when it states none. */
    static SensorGeometry geometry(PropheseeHeader header) {
        return header.geometry().orElse(SensorGeometry.pixels(MAX_SIDE, MAX_SIDE));
    }

    /** Whether {@code head} starts with a RAW header naming {@code encoding}. */
    static boolean names(byte[] head, String encoding) {
        return PropheseeHeader.parse(head).encoding().filter(encoding::equals).isPresent();
    }

    /** The RAW header lines a writer puts before the words. */
    /**
     * Creates {@code file} for EVT {@code evt} ("2.0", "3.0") events of a {@code geometry} sensor, its header
     * written.
     *
     * @throws IllegalArgumentException if the sensor is larger than the format's 2048x2048 addresses
     */
    static ByteSink create(Path file, SensorGeometry geometry, String evt, String format) throws IOException {
        EventRules.requireFits(geometry, MAX_SIDE, "EVT " + evt);
        ByteSink out = new ByteSink(Files.newOutputStream(file));
        out.text(header(evt, format, geometry));
        return out;
    }

    static String header(String evt, String format, SensorGeometry geometry) {
        return "% evt " + evt + "\n% format " + format + ";height=" + geometry.height() + ";width=" + geometry.width()
                + "\n% geometry " + geometry.width() + "x" + geometry.height() + "\n% end\n";
    }
}

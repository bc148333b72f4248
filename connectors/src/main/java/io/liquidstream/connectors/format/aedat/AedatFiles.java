package io.liquidstream.connectors.format.aedat;

import io.liquidstream.connectors.format.ByteSource;
import io.liquidstream.connectors.format.EventFileReader;
import io.liquidstream.connectors.format.EventFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens any supported iniVation AEDAT recording (2.0, 3.1 or 4.0), telling the version from its first
 * line, e.g. {@code try (EventFileReader r = AedatFiles.open(path)) { ... }}.
 */
public final class AedatFiles {

    private static final int MAX_VERSION_LINE = 32;

    private AedatFiles() {
    }

    /**
     * A streaming reader for the file's AEDAT version, with layout and geometry taken from its header.
     *
     * @throws EventFormatException if the first line is not {@code #!AER-DAT2.0}, {@code #!AER-DAT3.1}
     *     or {@code #!AER-DAT4.0}
     */
    public static EventFileReader open(Path file) throws IOException {
        String version = versionLine(file);
        if (Aedat2Reader.VERSION_LINE.equals(version)) {
            return Aedat2Reader.open(file);
        }
        if (Aedat31Reader.VERSION_LINE.equals(version)) {
            return Aedat31Reader.open(file);
        }
        if (Aedat4Reader.VERSION_LINE.equals(version)) {
            return Aedat4Reader.open(file);
        }
        throw EventFormatException.atOffset(file, 0, "expected an AEDAT version line ('" + Aedat2Reader.VERSION_LINE
                + "', '" + Aedat31Reader.VERSION_LINE + "' or '" + Aedat4Reader.VERSION_LINE + "'), found '"
                + printable(version) + "'");
    }

    /** The file's first line without its line ending (at most 32 bytes of it), or "" for an empty file. */
    public static String versionLine(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAX_VERSION_LINE);
        }
        int end = 0;
        while (end < head.length && head[end] != '\n') {
            end++;
        }
        if (end > 0 && head[end - 1] == '\r') {
            end--;
        }
        return new String(head, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Opens {@code file} little-endian and reads its first line, which must be {@code versionLine}.
     *
     * @param version the format's name for the error, e.g. "AEDAT 4.0"
     * @throws EventFormatException if the first line is another; the file is closed then
     */
    static ByteSource openVersion(Path file, String versionLine, String version) throws IOException {
        ByteSource source = new ByteSource(file, ByteOrder.LITTLE_ENDIAN);
        try {
            String line = source.readLine(64);
            if (!versionLine.equals(line)) {
                throw EventFormatException.atOffset(file, 0, "expected the " + version + " version line '" + versionLine
                        + "', found '" + printable(line) + "'");
            }
            return source;
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** Text from a file, shortened and with control bytes shown as '?', fit for an error message. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), 40); i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > 40 ? shown + "..." : shown.toString();
    }
}

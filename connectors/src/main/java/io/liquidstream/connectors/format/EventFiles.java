package io.liquidstream.connectors.format;

import io.liquidstream.connectors.format.aedat.AedatFiles;
import io.liquidstream.connectors.format.csv.CsvEventReader;
import io.liquidstream.connectors.format.hdf5.NwbRecording;
import io.liquidstream.connectors.format.nmnist.NmnistBin;
import io.liquidstream.connectors.format.prophesee.DatReader;
import io.liquidstream.connectors.format.prophesee.Evt2Reader;
import io.liquidstream.connectors.format.prophesee.Evt3Reader;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Opens any supported event recording, recognising its format by content (header or magic bytes) first and
 * by file extension second.
 *
 * <p>The table {@link #FORMATS} is tried in order, so formats with an unambiguous magic come first and the
 * loose ones (N-MNIST, whose records have no magic, and CSV) last. Adding a format is one row.
 */
public final class EventFiles {

    /** Bytes read from the start of a file for recognition; every known header starts within them. */
    static final int HEAD_BYTES = 8192;

    /** Opens a file once its format is known. */
    @FunctionalInterface
    public interface Opener {
        EventFileReader open(Path file) throws IOException;
    }

    /**
     * One supported format.
     *
     * @param name the short name readers report
     * @param description what the format is, for listings and errors
     * @param extensions file extensions (lower case, no dot) that select it when content does not
     * @param recognises whether a file's first bytes are in this format
     * @param opener opens such a file
     */
    public record Format(String name, String description, List<String> extensions, Predicate<byte[]> recognises,
            Opener opener) {
    }

    /** The HDF5 superblock signature at the start of the file. */
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private static final List<Format> FORMATS = List.of(
            new Format(NwbRecording.FORMAT, "NWB 2.x (HDF5): spike times of the Units table, one channel per unit",
                    List.of("nwb"), head -> head.length >= 8 && Arrays.equals(head, 0, 8, HDF5_SIGNATURE, 0, 8),
                    file -> NwbRecording.read(file).events()),
            new Format("dat", "Prophesee DAT, CD events", List.of("dat"), DatReader::recognises, DatReader::open),
            new Format("evt2", "Prophesee RAW, EVT 2.0", List.of(), Evt2Reader::recognises, Evt2Reader::open),
            new Format("evt3", "Prophesee RAW, EVT 3.0, also any .raw whose header names no encoding",
                    List.of("raw"), Evt3Reader::recognises, Evt3Reader::open),
            new Format("nmnist", "N-MNIST sample, 40-bit ATIS events", List.of("bin"), EventFiles::looksLikeNmnist,
                    EventFiles::openNmnist),
            new Format("aedat", "AEDAT 2.0 / 3.1 / 4.0 (iniVation)", List.of("aedat", "aedat4"), magic("#!AER-DAT"),
                    AedatFiles::open),
            new Format("csv", "CSV rows t,x,y,p or t,channel", List.of("csv", "txt"), CsvEventReader::recognises,
                    CsvEventReader::open));

    private EventFiles() {
    }

    /** File extensions (lower case, no dot) that name a supported format. */
    public static Set<String> extensions() {
        return FORMATS.stream().flatMap(f -> f.extensions().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The extension of {@code file}'s name, lower case without the dot; empty when it has none. */
    public static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Every event of {@code file}, whatever its format, on the sensor its header states.
     *
     * @throws EventFormatException if the file is in no supported format or is damaged
     */
    public static Events readAll(Path file) throws IOException {
        try (EventFileReader reader = open(file)) {
            Events.Builder all = Events.builder(reader.geometry());
            Events chunk;
            while ((chunk = reader.next(1 << 16)) != null) {
                for (int i = 0; i < chunk.size(); i++) {
                    all.add(chunk.t(i), chunk.x(i), chunk.y(i), chunk.p(i));
                }
            }
            return all.build();
        }
    }

    /** Names of the supported formats, in recognition order. */
    public static List<String> formats() {
        return FORMATS.stream().map(Format::name).toList();
    }

    /**
     * Opens {@code file} with the first format that recognises its content, or else the one its extension
     * names.
     *
     * @throws EventFormatException if neither content nor extension matches a supported format (the message
     *     lists them), or the chosen format's header is damaged
     */
    public static EventFileReader open(Path file) throws IOException {
        byte[] head = head(file);
        for (Format format : FORMATS) {
            if (head.length > 0 && format.recognises().test(head)) {
                return format.opener().open(file);
            }
        }
        String extension = extension(file);
        for (Format format : FORMATS) {
            if (format.extensions().contains(extension)) {
                return format.opener().open(file);
            }
        }
        throw EventFormatException.atOffset(file, 0, "neither the content nor the extension '" + extension
                + "' matches a supported event format; supported: " + FORMATS.stream()
                .map(f -> f.name() + " (" + f.description() + (f.extensions().isEmpty() ? "" : "; ."
                        + String.join(", .", f.extensions())) + ")")
                .collect(Collectors.joining(", ")));
    }

    /** A recogniser for formats that begin with a fixed ASCII magic, e.g. {@code "#!AER-DAT"}. */
    public static Predicate<byte[]> magic(String prefix) {
        byte[] magic = prefix.getBytes(StandardCharsets.US_ASCII);
        return head -> head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }


    /**
     * N-MNIST records have no magic: the head must hold only whole 5-byte records with addresses inside
     * 34x34 (or the y = 240 overflow marker) and non-decreasing times between markers.
     */
    private static boolean looksLikeNmnist(byte[] head) {
        int whole = head.length - head.length % 5;
        if (whole == 0 || (head.length < EventFiles.HEAD_BYTES && whole != head.length)) {
            return false;
        }
        int last = -1;
        for (int i = 0; i < whole; i += 5) {
            int x = head[i] & 0xff;
            int y = head[i + 1] & 0xff;
            if (y == 240) {
                last = -1;
                continue;
            }
            int stamp = (head[i + 2] & 0x7f) << 16 | (head[i + 3] & 0xff) << 8 | (head[i + 4] & 0xff);
            if (x >= 34 || y >= 34 || stamp < last) {
                return false;
            }
            last = stamp;
        }
        return true;
    }

    /** N-MNIST samples are small, so the whole file is decoded at once and handed out in chunks. */
    private static EventFileReader openNmnist(Path file) throws IOException {
        EventFormatException[] damage = new EventFormatException[1];
        Events events = NmnistBin.readLenient(file, e -> damage[0] = e);
        return new InMemoryReader("nmnist", events, damage[0]);
    }

    /** Hands out already decoded events chunk by chunk, then the damage that ended decoding, if any. */
    private static final class InMemoryReader implements EventFileReader {
        private final String format;
        private final SensorGeometry geometry;
        private final long[] t;
        private final int[] x;
        private final int[] y;
        private final byte[] p;
        private final EventFormatException damage;
        private int next;

        InMemoryReader(String format, Events events, EventFormatException damage) {
            this.format = format;
            this.geometry = events.geometry();
            this.t = events.times();
            this.x = events.xs();
            this.y = events.ys();
            this.p = events.polarities();
            this.damage = damage;
        }

        @Override
        public String format() {
            return format;
        }

        @Override
        public SensorGeometry geometry() {
            return geometry;
        }

        @Override
        public Events next(int maxEvents) throws IOException {
            if (maxEvents <= 0) {
                throw new IllegalArgumentException("maxEvents must be positive, found " + maxEvents);
            }
            if (next == t.length) {
                if (damage != null) {
                    throw damage;
                }
                return null;
            }
            int end = (int) Math.min(t.length, (long) next + maxEvents);
            Events chunk = Events.of(geometry, Arrays.copyOfRange(t, next, end), Arrays.copyOfRange(x, next, end),
                    Arrays.copyOfRange(y, next, end), Arrays.copyOfRange(p, next, end));
            next = end;
            return chunk;
        }

        @Override
        public void close() {
            // nothing held open
        }
    }
}

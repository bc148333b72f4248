package io.liquidstream.connectors.format.prophesee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.connectors.format.ReadAll;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Evt3FormatTest {

    private static final SensorGeometry HD = SensorGeometry.pixels(1280, 720);
    private static final String HEADER = "% evt 3.0\n% format EVT3;height=720;width=1280\n% end\n";

    @TempDir
    Path dir;

    static byte[] file(String header, int... words) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer body = ByteBuffer.allocate(words.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            body.putShort((short) w);
        }
        bytes.writeBytes(body.array());
        return bytes.toByteArray();
    }

    /** A row of ON events at x 20..39 (a VECT_12 then a VECT_8 continuing its base), plus a gapped run. */
    static Events withVectors() {
        Events.Builder b = Events.builder(HD).add(7, 3, 4, 0);
        for (int x = 20; x < 40; x++) {
            b.add(5000, x, 100, 1);
        }
        b.add(5000, 10, 101, 0).add(5000, 12, 101, 0).add(5000, 21, 101, 0);
        return b.add(9000, 1279, 719, 1).build();
    }

    static int[] wordTypes(Path file, int headerLength) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int[] types = new int[(bytes.length - headerLength) / 2];
        for (int i = 0; i < types.length; i++) {
            types[i] = (bytes[headerLength + 2 * i + 1] & 0xff) >>> 4;
        }
        return types;
    }

    @Test
    void givenRunsOfNeighbouringPixels_roundTripKeepsThemAndUsesVectorWords() throws IOException {
        Path path = dir.resolve("a.raw");

        Evt3Writer.write(path, withVectors());

        try (Evt3Reader reader = Evt3Reader.open(path)) {
            assertThat(reader.format()).isEqualTo("evt3");
            assertThat(reader.geometry()).isEqualTo(HD);
            assertThat(ReadAll.events(reader, 1000)).isEqualTo(withVectors());
        }
        int header = RawFiles.header("3.0", "EVT3", HD).length();
        assertThat(wordTypes(path, header)).contains(Evt3Reader.VECT_12, Evt3Reader.VECT_8, Evt3Reader.VECT_BASE_X);
    }

    @Test
    void givenChunksSmallerThanAVector_splitsTheVectorWithoutLosingEvents() throws IOException {
        Path path = dir.resolve("b.raw");
        Evt3Writer.write(path, withVectors());

        try (Evt3Reader reader = Evt3Reader.open(path)) {
            List<Events> chunks = ReadAll.chunks(reader, 5);
            assertThat(chunks).allSatisfy(c -> assertThat(c.size()).isBetween(1, 5));
            assertThat(ReadAll.join(chunks, reader)).isEqualTo(withVectors());
        }
    }

    @Test
    void givenTimesAcrossSeveral24BitWraps_roundTripKeepsLongTimes() throws IOException {
        long wrap = 1L << 24;
        Events events = Events.builder(HD).add(wrap - 1, 1, 1, 1).add(wrap, 2, 2, 0).add(3 * wrap + 4097, 3, 3, 1)
                .add(3 * wrap + 4097, 4, 3, 1).add(40 * wrap, 5, 5, 0).build();
        Path path = dir.resolve("c.raw");

        Evt3Writer.write(path, events);

        assertThat(ReadAll.events(Evt3Reader.open(path), 2)).isEqualTo(events);
    }

    @Test
    void givenHandWrittenWords_decodesTimeRowSingleAndVectorEvents() throws IOException {
        Path path = dir.resolve("d.raw");
        Files.write(path, file(HEADER,
                0x8000 | 1,              // EVT_TIME_HIGH 1
                0x6000 | 2,              // EVT_TIME_LOW 2
                0x0000 | 7,              // EVT_ADDR_Y 7
                0x2000 | 1 << 11 | 50,   // EVT_ADDR_X ON at 50
                0x3000 | 1 << 11 | 100,  // VECT_BASE_X ON at 100
                0x4000 | 0b1000_0000_0101, // VECT_12: 100, 102, 111
                0x5000 | 0b1,            // VECT_8 from the advanced base: 112
                0xA000 | 1,              // EXT_TRIGGER, skipped
                0x8000 | 2));            // EVT_TIME_HIGH 2 clears the low part

        Events events = ReadAll.events(Evt3Reader.open(path), 100);

        long t = 1 << 12 | 2;
        assertThat(events).isEqualTo(Events.builder(HD).add(t, 50, 7, 1).add(t, 100, 7, 1).add(t, 102, 7, 1)
                .add(t, 111, 7, 1).add(t, 112, 7, 1).build());
    }

    @Test
    void givenUndefinedWordType_returnsEarlierEventsThenThrowsWithTheOffset() throws IOException {
        Path path = dir.resolve("e.raw");
        byte[] bytes = file(HEADER, 0x8000, 0x0000 | 3, 0x2000 | 4, 0x1000);
        Files.write(path, bytes);

        try (Evt3Reader reader = Evt3Reader.open(path)) {
            assertThat(reader.next(10).size()).isEqualTo(1);
            assertThatThrownBy(() -> reader.next(10)).isInstanceOf(EventFormatException.class)
                    .hasMessageContaining("unknown type 0x1")
                    .satisfies(e -> assertThat(((EventFormatException) e).offset()).isEqualTo(bytes.length - 2));
        }
    }

    @Test
    void givenOddTrailingByte_reportsAWordCutInHalf() throws IOException {
        Path path = dir.resolve("f.raw");
        byte[] words = file(HEADER, 0x8000, 0x0000, 0x2000);
        byte[] bytes = java.util.Arrays.copyOf(words, words.length + 1);
        Files.write(path, bytes);

        try (Evt3Reader reader = Evt3Reader.open(path)) {
            assertThat(reader.next(10).size()).isEqualTo(1);
            assertThatThrownBy(() -> reader.next(10)).isInstanceOf(EventFormatException.class)
                    .hasMessageContaining("1 byte into a 2-byte EVT 3.0 word");
        }
    }

    @Test
    void givenHeaderWithoutGeometry_usesThe11BitAddressSpace() throws IOException {
        Path path = dir.resolve("g.raw");
        Files.write(path, file("% evt 3.0\n% end\n"));

        try (Evt3Reader reader = Evt3Reader.open(path)) {
            assertThat(reader.geometry()).isEqualTo(SensorGeometry.pixels(2048, 2048));
        }
    }
}

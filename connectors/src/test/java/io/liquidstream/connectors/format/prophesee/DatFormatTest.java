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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatFormatTest {

    private static final SensorGeometry VGA = SensorGeometry.pixels(640, 480);
    private static final String HEADER = "% Data file containing CD events.\n% Version 2\n% Date 2020-09-14 14:18:29\n"
            + "% Height 480\n% Width 640\n";

    @TempDir
    Path dir;

    static Events sample() {
        return Events.builder(VGA).add(0, 0, 0, 0).add(5, 639, 479, 1).add(5, 12, 7, 0).add(4_000_000_000L, 300, 200, 1)
                .build();
    }

    static byte[] file(String header, int type, long... stampAndWord) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        bytes.write(type);
        bytes.write(8);
        ByteBuffer events = ByteBuffer.allocate(stampAndWord.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : stampAndWord) {
            events.putInt((int) v);
        }
        bytes.writeBytes(events.array());
        return bytes.toByteArray();
    }

    @Test
    void givenEvents_roundTripKeepsThemAndTheGeometry() throws IOException {
        Path path = dir.resolve("a.dat");

        DatWriter.write(path, sample());

        try (DatReader reader = DatReader.open(path)) {
            assertThat(reader.format()).isEqualTo("dat");
            assertThat(reader.geometry()).isEqualTo(VGA);
            assertThat(ReadAll.events(reader, 100)).isEqualTo(sample());
        }
    }

    @Test
    void givenHandWrittenEvent_decodesXFromBits0To13_YFrom14To27_PolarityFrom28() throws IOException {
        Path path = dir.resolve("b.dat");
        Files.write(path, file(HEADER, 0x0C, 1234, 5 | 7 << 14 | 1 << 28));

        Events events = ReadAll.events(DatReader.open(path), 10);

        assertThat(events).isEqualTo(Events.builder(VGA).add(1234, 5, 7, 1).build());
    }

    @Test
    void givenSmallChunks_deliversEveryEventInChunksOfAtMostTheAskedSize() throws IOException {
        Events.Builder many = Events.builder(VGA);
        for (int i = 0; i < 10; i++) {
            many.add(i * 10L, i, i, i % 2);
        }
        Path path = dir.resolve("c.dat");
        DatWriter.write(path, many.build());

        try (DatReader reader = DatReader.open(path)) {
            List<Events> chunks = ReadAll.chunks(reader, 3);
            assertThat(chunks).extracting(Events::size).containsExactly(3, 3, 3, 1);
            assertThat(ReadAll.join(chunks, reader)).isEqualTo(many.build());
        }
    }

    @Test
    void givenTruncatedFile_returnsTheIntactEventsThenThrowsAtTheBrokenEvent() throws IOException {
        Path path = dir.resolve("d.dat");
        DatWriter.write(path, sample());
        byte[] bytes = Files.readAllBytes(path);
        Files.write(path, Arrays.copyOf(bytes, bytes.length - 3));

        try (DatReader reader = DatReader.open(path)) {
            assertThat(reader.next(100).size()).isEqualTo(3);
            assertThatThrownBy(() -> reader.next(100)).isInstanceOf(EventFormatException.class)
                    .hasMessageContaining("5 bytes into an 8-byte event")
                    .hasMessageContaining("3 complete events precede it")
                    .satisfies(e -> assertThat(((EventFormatException) e).offset()).isEqualTo(bytes.length - 8));
        }
    }

    @Test
    void givenAddressOutsideHeaderGeometry_reportsDamage() throws IOException {
        Path path = dir.resolve("e.dat");
        Files.write(path, file(HEADER, 0x0C, 1, 700));

        try (DatReader reader = DatReader.open(path)) {
            assertThatThrownBy(() -> reader.next(10)).isInstanceOf(EventFormatException.class)
                    .hasMessageContaining("x=700").hasMessageContaining("outside the sensor 640x480");
        }
    }

    @Test
    void givenStampWrappingPast32Bits_continuesAsLongTimes() throws IOException {
        Path path = dir.resolve("f.dat");
        Files.write(path, file(HEADER, 0x0C, 0xFFFF_FF00L, 1, 0x10, 2));

        Events events = ReadAll.events(DatReader.open(path), 10);

        assertThat(events.t(1)).isEqualTo((1L << 32) + 0x10);
    }

    @Test
    void givenHeaderWithoutSize_derivesGeometryFromTheLargestAddresses() throws IOException {
        Path path = dir.resolve("g.dat");
        Files.write(path, file("% Data file containing CD events\n% Version 2\n", 0x0C, 1, 9 | 4 << 14, 2, 3 | 20 << 14));

        try (DatReader reader = DatReader.open(path)) {
            assertThat(reader.geometry()).isEqualTo(SensorGeometry.pixels(10, 21));
            assertThat(reader.next(10).size()).isEqualTo(2);
        }
    }

    @Test
    void givenTriggerEventType_refusesWithTheExpectedTypes() throws IOException {
        Path path = dir.resolve("h.dat");
        Files.write(path, file(HEADER, 0x0E, 1, 2));

        assertThatThrownBy(() -> DatReader.open(path)).isInstanceOf(EventFormatException.class)
                .hasMessageContaining("0x0E").hasMessageContaining("expected 0x0C");
    }

    @Test
    void givenTimeBeyond32Bits_writerRefusesTheChunk() {
        Events late = Events.builder(VGA).add(1L << 32, 1, 1, 1).build();

        assertThatThrownBy(() -> DatWriter.write(dir.resolve("i.dat"), late))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }
}

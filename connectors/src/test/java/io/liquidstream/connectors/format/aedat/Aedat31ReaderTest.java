package io.liquidstream.connectors.format.aedat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Aedat31ReaderTest {

    private static final SensorGeometry DVS128 = SensorGeometry.pixels(128, 128);
    private static final SensorGeometry DAVIS346 = SensorGeometry.pixels(346, 260);
    private static final String HEADER = "#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n"
            + "#Start-Time: 2017-06-30 15:01:18 (TZ+0200)\r\n#!END-HEADER\r\n";

    @TempDir
    Path dir;

    @Test
    void givenEvents_roundTripKeepsThemAndTheStartTime() throws IOException {
        Events events = AedatSamples.random(DAVIS346, 10_000, 3, 200, 1);
        Path file = dir.resolve("a.aedat");
        try (Aedat31Writer writer = Aedat31Writer.create(file, DAVIS346, Instant.parse("2024-01-02T03:04:05Z"))) {
            writer.write(events);
        }

        try (Aedat31Reader reader = Aedat31Reader.open(file)) {
            assertThat(reader.format()).isEqualTo("aedat31");
            assertThat(reader.geometry()).as("source DAVIS346B").isEqualTo(DAVIS346);
            assertThat(reader.startEpochMicros()).contains(Instant.parse("2024-01-02T03:04:05Z").toEpochMilli() * 1000);
            assertThat(AedatSamples.readAll(reader)).isEqualTo(events);
        }
    }

    @Test
    void givenTimesPastTheTimestampOverflow_overflowCounterExtendsThemTo64Bits() throws IOException {
        Events events = AedatSamples.random(DVS128, 300, (1L << 31) - 1_000_000, 1L << 29, 2);
        assertThat(events.lastTime()).isGreaterThan(1L << 36);
        Path file = dir.resolve("long.aedat");
        try (Aedat31Writer writer = Aedat31Writer.create(file, DVS128)) {
            writer.write(events);
        }

        try (Aedat31Reader reader = Aedat31Reader.open(file)) {
            assertThat(AedatSamples.readAll(reader)).isEqualTo(events);
        }
    }

    @Test
    void givenSensorOfNoKnownDevice_roundTripKeepsItsSize() throws IOException {
        SensorGeometry small = SensorGeometry.pixels(34, 34);
        Events events = AedatSamples.random(small, 100, 0, 50, 3);
        Path file = dir.resolve("small.aedat");
        try (Aedat31Writer writer = Aedat31Writer.create(file, small)) {
            writer.write(events);
        }

        try (Aedat31Reader reader = Aedat31Reader.open(file)) {
            assertThat(reader.geometry()).isEqualTo(small);
            assertThat(AedatSamples.readAll(reader)).isEqualTo(events);
        }
    }

    @Test
    void givenOtherPacketTypesAndInvalidEvents_readsOnlyValidPolarityEvents() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(HEADER.getBytes(StandardCharsets.US_ASCII));
        file.write(packet(0, 1, 0, new int[][] {{0x7, 40}, {0x9, 41}})); // special events
        file.write(packet(1, 1, 0, new int[][] {
            {polarity(5, 6, 1, true), 50}, {polarity(7, 8, 0, false), 51}, {polarity(9, 10, 0, true), 52}}));
        file.write(packet(2, 1, 0, new int[][] {{1, 60}})); // a "frame" packet of another type
        file.write(packet(1, 2, 0, new int[][] {{polarity(1, 1, 1, true), 70}})); // another source
        file.write(packet(1, 1, 1, new int[][] {{polarity(11, 12, 1, true), 5}}));
        Path path = dir.resolve("mixed.aedat");
        Files.write(path, file.toByteArray());

        try (Aedat31Reader reader = Aedat31Reader.open(path)) {
            assertThat(reader.startEpochMicros())
                    .contains(Instant.parse("2017-06-30T13:01:18Z").toEpochMilli() * 1000);
            assertThat(AedatSamples.readAll(reader)).isEqualTo(Events.builder(DVS128)
                    .add(50, 5, 6, 1)
                    .add(52, 9, 10, 0)
                    .add((1L << 31) + 5, 11, 12, 1)
                    .build());
        }
    }

    @Test
    void givenFileCutInsideAnEvent_eventsBeforeItComeFirstThenTheDamageWithItsOffset() throws IOException {
        Events events = AedatSamples.random(DVS128, 20, 0, 100, 4);
        Path file = dir.resolve("cut.aedat");
        try (Aedat31Writer writer = Aedat31Writer.create(file, DVS128)) {
            writer.write(events);
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 5));

        try (Aedat31Reader reader = Aedat31Reader.open(file)) {
            assertThat(reader.next(1000)).isEqualTo(AedatSamples.head(events, 19));
            assertThatThrownBy(() -> reader.next(1000))
                    .isInstanceOfSatisfying(EventFormatException.class,
                            e -> assertThat(e.offset()).isEqualTo(whole.length - 8))
                    .hasMessageContaining("3 bytes into a 8-byte polarity event");
        }
    }

    @Test
    void givenFileCutInsideAPacketHeader_reportsTheHeaderOffset() throws IOException {
        Path file = dir.resolve("cut-header.aedat");
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        Files.write(file, Arrays.copyOf(header, header.length + 10));

        try (Aedat31Reader reader = Aedat31Reader.open(file)) {
            assertThatThrownBy(() -> reader.next(10))
                    .isInstanceOfSatisfying(EventFormatException.class,
                            e -> assertThat(e.offset()).isEqualTo(header.length))
                    .hasMessageContaining("10 bytes into a 28-byte packet header");
        }
    }

    @Test
    void givenHeaderWithoutEndLine_openFailsAtTheFirstBinaryByte() throws IOException {
        Path file = dir.resolve("noend.aedat");
        Files.write(file, "#!AER-DAT3.1\r\n#Format: RAW\r\n\u0001\u0000binary\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> Aedat31Reader.open(file))
                .isInstanceOfSatisfying(EventFormatException.class, e -> assertThat(e.offset()).isEqualTo(28))
                .hasMessageContaining("expected a '#' header line or '#!END-HEADER'");
    }

    private static int polarity(int x, int y, int p, boolean valid) {
        return (valid ? 1 : 0) | (p << 1) | (y << 2) | (x << 17);
    }

    private static byte[] packet(int type, int source, int overflow, int[][] events) {
        ByteBuffer packet = ByteBuffer.allocate(28 + 8 * events.length).order(ByteOrder.LITTLE_ENDIAN);
        packet.putShort((short) type).putShort((short) source).putInt(8).putInt(4).putInt(overflow)
                .putInt(events.length).putInt(events.length).putInt(events.length);
        for (int[] event : events) {
            packet.putInt(event[0]).putInt(event[1]);
        }
        return packet.array();
    }
}

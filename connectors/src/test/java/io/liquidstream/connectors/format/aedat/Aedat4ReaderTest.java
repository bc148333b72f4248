package io.liquidstream.connectors.format.aedat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.BlockSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Aedat4ReaderTest {

    private static final SensorGeometry DAVIS346 = SensorGeometry.pixels(346, 260);
    private static final long EPOCH_US = 1_589_163_005_536_052L;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Aedat4Compression.class)
    void givenEventsInSeveralPackets_roundTripKeepsThemForEachCompression(Aedat4Compression compression)
            throws IOException {
        // 10 000 events make three packets, each over 64 KiB: LZ4 frames of several linked blocks
        Events events = AedatSamples.random(DAVIS346, 10_000, EPOCH_US, 40, 1);
        Path file = dir.resolve(compression + ".aedat4");
        try (Aedat4Writer writer = Aedat4Writer.create(file, DAVIS346, compression)) {
            writer.write(events);
        }

        try (Aedat4Reader reader = Aedat4Reader.open(file)) {
            assertThat(reader.format()).isEqualTo("aedat4");
            assertThat(reader.compression()).isEqualTo(compression);
            assertThat(reader.geometry()).isEqualTo(DAVIS346);
            assertThat(AedatSamples.readAll(reader)).isEqualTo(events);
        }
        if (compression != Aedat4Compression.NONE) {
            assertThat(Files.size(file)).as("compressed").isLessThan(10_000L * Aedat4Flatbuffers.EVENT_BYTES);
        }
    }

    @Test
    void givenLz4FrameOfLinkedBlocksAsDvProcessingWritesThem_readsItsEvents() throws IOException {
        // just over 64 KiB of events: two linked blocks, the second may refer back into the first
        Events events = AedatSamples.random(DAVIS346, 4200, EPOCH_US, 3, 7);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try (OutputStream out = new FramedLZ4CompressorOutputStream(frame,
                new FramedLZ4CompressorOutputStream.Parameters(BlockSize.K64, false, false, true))) {
            out.write(Aedat4Flatbuffers.eventPacket(events, 0, events.size()));
        }
        assertThat(frame.toByteArray()[4] & 0x20).as("block independence flag").isZero();
        String info = "<dv><node name=\"outInfo\">" + stream(0, "EVTS", sizes(346, 260)) + "</node></dv>";
        ByteArrayOutputStream file = start(Aedat4Compression.LZ4, -1, info);
        file.write(packet(0, frame.toByteArray()));
        Path path = dir.resolve("linked.aedat4");
        Files.write(path, file.toByteArray());

        try (Aedat4Reader reader = Aedat4Reader.open(path)) {
            assertThat(AedatSamples.readAll(reader)).isEqualTo(events);
        }
    }

    @Test
    void givenFramesAndTwoEventStreams_readsOnlyTheLowestNumberedEventStream() throws IOException {
        SensorGeometry vga = SensorGeometry.pixels(640, 480);
        Events first = AedatSamples.random(vga, 30, EPOCH_US, 100, 2);
        Events second = AedatSamples.random(vga, 20, EPOCH_US + 3000, 100, 3);
        Events other = AedatSamples.random(vga, 25, EPOCH_US, 100, 4);
        String info = "<dv version=\"2.0\"><node name=\"outInfo\" path=\"/outInfo/\">"
                + stream(2, "FRME", "") + stream(5, "EVTS", "") + stream(3, "EVTS", sizes(640, 480))
                + "</node></dv>";
        ByteArrayOutputStream file = start(Aedat4Compression.ZSTD, -1, info);
        file.write(packet(2, new byte[] {1, 2, 3, 4, 5, 6, 7}));
        file.write(packet(3, Aedat4Compression.ZSTD.compress(Aedat4Flatbuffers.eventPacket(first, 0, 30))));
        file.write(packet(5, Aedat4Compression.ZSTD.compress(Aedat4Flatbuffers.eventPacket(other, 0, 25))));
        byte[] unprefixed = Aedat4Flatbuffers.eventPacket(second, 0, 20);
        unprefixed = Arrays.copyOfRange(unprefixed, 4, unprefixed.length);
        file.write(packet(3, Aedat4Compression.ZSTD.compress(unprefixed)));
        Path path = dir.resolve("streams.aedat4");
        Files.write(path, file.toByteArray());

        try (Aedat4Reader reader = Aedat4Reader.open(path)) {
            assertThat(reader.streamId()).isEqualTo(3);
            assertThat(reader.geometry()).isEqualTo(vga);
            Events all = AedatSamples.readAll(reader);
            assertThat(all.size()).isEqualTo(50);
            assertThat(AedatSamples.head(all, 30)).isEqualTo(first);
        }
    }

    @Test
    void givenDataTablePosition_readingStopsThere() throws IOException {
        Events events = AedatSamples.random(DAVIS346, 40, EPOCH_US, 100, 5);
        String info = "<dv><node name=\"outInfo\">" + stream(0, "EVTS", sizes(346, 260)) + "</node></dv>";
        byte[] body = packet(0, Aedat4Flatbuffers.eventPacket(events, 0, 40));
        int headerLength = start(Aedat4Compression.NONE, 0, info).size();
        ByteArrayOutputStream file = start(Aedat4Compression.NONE, headerLength + body.length, info);
        file.write(body);
        file.write("a file data table, not a packet".getBytes(StandardCharsets.US_ASCII));
        Path path = dir.resolve("table.aedat4");
        Files.write(path, file.toByteArray());

        try (Aedat4Reader reader = Aedat4Reader.open(path)) {
            assertThat(AedatSamples.readAll(reader)).isEqualTo(events);
        }
    }

    @Test
    void givenLastPacketCut_eventsOfWholePacketsComeFirstThenTheDamageAtThePacket() throws IOException {
        Events events = AedatSamples.random(DAVIS346, 100, EPOCH_US, 100, 6);
        Path file = dir.resolve("cut.aedat4");
        try (Aedat4Writer writer = Aedat4Writer.create(file, DAVIS346, Aedat4Compression.LZ4)) {
            writer.write(AedatSamples.slice(events, 0, 60));
            writer.write(AedatSamples.slice(events, 60, 100));
        }
        byte[] whole = Files.readAllBytes(file);
        ByteBuffer le = ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN);
        int firstPacketAt = 14 + 4 + le.getInt(14);
        long secondPacketAt = firstPacketAt + 8 + le.getInt(firstPacketAt + 4);
        Files.write(file, Arrays.copyOf(whole, whole.length - 10));

        try (Aedat4Reader reader = Aedat4Reader.open(file)) {
            assertThat(reader.next(1000)).isEqualTo(AedatSamples.slice(events, 0, 60));
            assertThatThrownBy(() -> reader.next(1000))
                    .isInstanceOfSatisfying(EventFormatException.class,
                            e -> assertThat(e.offset()).isEqualTo(secondPacketAt))
                    .hasMessageContaining("bytes into the");
        }
    }

    @Test
    void givenCorruptCompressedPacket_damageNamesTheCompression() throws IOException {
        String info = "<dv><node name=\"outInfo\">" + stream(0, "EVTS", sizes(346, 260)) + "</node></dv>";
        ByteArrayOutputStream file = start(Aedat4Compression.LZ4, -1, info);
        long packetAt = file.size();
        file.write(packet(0, new byte[] {4, 0x22, 0x4d, 0x18, 0x60, 0x40, (byte) 0x82, 9, 9, 9, 9, 9}));
        Path path = dir.resolve("corrupt.aedat4");
        Files.write(path, file.toByteArray());

        try (Aedat4Reader reader = Aedat4Reader.open(path)) {
            assertThatThrownBy(() -> reader.next(10))
                    .isInstanceOfSatisfying(EventFormatException.class,
                            e -> assertThat(e.offset()).isEqualTo(packetAt))
                    .hasMessageContaining("not valid LZ4 data");
        }
    }

    @Test
    void givenInfoNodeWithoutEventStream_openFailsSayingWhatWasExpected() throws IOException {
        String info = "<dv><node name=\"outInfo\">" + stream(0, "FRME", sizes(346, 260)) + "</node></dv>";
        Path path = dir.resolve("frames.aedat4");
        Files.write(path, start(Aedat4Compression.NONE, -1, info).toByteArray());

        assertThatThrownBy(() -> Aedat4Reader.open(path))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("expected a stream node with typeIdentifier EVTS");
    }

    private static ByteArrayOutputStream start(Aedat4Compression compression, long tablePosition, String info)
            throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("#!AER-DAT4.0\r\n".getBytes(StandardCharsets.US_ASCII));
        file.write(Aedat4Flatbuffers.ioHeader(compression, tablePosition, info));
        return file;
    }

    private static byte[] packet(int streamId, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(streamId).putInt(payload.length).put(payload).array();
    }

    private static String stream(int id, String type, String info) {
        return "<node name=\"" + id + "\" path=\"/outInfo/" + id + "/\">"
                + "<attr key=\"typeIdentifier\" type=\"string\">" + type + "</attr>" + info + "</node>";
    }

    private static String sizes(int width, int height) {
        return "<node name=\"info\"><attr key=\"sizeX\" type=\"int\">" + width + "</attr>"
                + "<attr key=\"sizeY\" type=\"int\">" + height + "</attr></node>";
    }
}

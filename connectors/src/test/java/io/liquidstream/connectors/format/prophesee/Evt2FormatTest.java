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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Evt2FormatTest {

    private static final SensorGeometry HD = SensorGeometry.pixels(1280, 720);
    private static final String HEADER = "% camera_integrator_name Prophesee\n% evt 2.0\n"
            + "% format EVT2;height=720;width=1280\n% geometry 1280x720\n% end\n";

    @TempDir
    Path dir;

    static byte[] file(String header, int... words) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer body = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            body.putInt(w);
        }
        bytes.writeBytes(body.array());
        return bytes.toByteArray();
    }

    @Test
    void givenTimesAcrossManyTimeHighWordsAndThe34BitWrap_roundTripKeepsThem() throws IOException {
        Events events = Events.builder(HD).add(0, 0, 0, 0).add(63, 1279, 719, 1).add(64, 5, 6, 0)
                .add(1_000_000, 640, 360, 1).add((1L << 34) + 5, 7, 8, 1).add((1L << 36) + 99, 9, 10, 0).build();
        Path path = dir.resolve("a.raw");

        Evt2Writer.write(path, events);

        try (Evt2Reader reader = Evt2Reader.open(path)) {
            assertThat(reader.format()).isEqualTo("evt2");
            assertThat(reader.geometry()).isEqualTo(HD);
            assertThat(ReadAll.events(reader, 2)).isEqualTo(events);
        }
    }

    @Test
    void givenHandWrittenWords_decodesTimeHighThenCdLayout() throws IOException {
        int timeHigh = 0x8 << 28 | 3;
        int cdOn = 0x1 << 28 | 17 << 22 | 1000 << 11 | 700;
        int trigger = 0xA << 28 | 1;
        int cdOff = 0x0 << 28 | 63 << 22 | 2 << 11 | 4;
        Path path = dir.resolve("b.raw");
        Files.write(path, file(HEADER, timeHigh, cdOn, trigger, cdOff));

        Events events = ReadAll.events(Evt2Reader.open(path), 10);

        assertThat(events).isEqualTo(Events.builder(HD).add(3 * 64 + 17, 1000, 700, 1).add(3 * 64 + 63, 2, 4, 0).build());
    }

    @Test
    void givenCdWordsBeforeTheFirstTimeHigh_skipsThem() throws IOException {
        Path path = dir.resolve("c.raw");
        Files.write(path, file(HEADER, 0x1 << 28 | 5 << 11 | 5, 0x8 << 28 | 1, 0x1 << 28 | 6 << 11 | 6));

        Events events = ReadAll.events(Evt2Reader.open(path), 10);

        assertThat(events).isEqualTo(Events.builder(HD).add(64, 6, 6, 1).build());
    }

    @Test
    void givenUnknownWordType_returnsEarlierEventsThenThrows() throws IOException {
        Path path = dir.resolve("d.raw");
        byte[] bytes = file(HEADER, 0x8 << 28, 0x1 << 28 | 1 << 11, 0x3 << 28);
        Files.write(path, bytes);

        try (Evt2Reader reader = Evt2Reader.open(path)) {
            assertThat(reader.next(10).size()).isEqualTo(1);
            assertThatThrownBy(() -> reader.next(10)).isInstanceOf(EventFormatException.class)
                    .hasMessageContaining("unknown type 0x3")
                    .satisfies(e -> assertThat(((EventFormatException) e).offset()).isEqualTo(bytes.length - 4));
        }
    }

    @Test
    void givenFileCutInsideAWord_throwsWithTheOffset() throws IOException {
        Path path = dir.resolve("e.raw");
        byte[] bytes = file(HEADER, 0x8 << 28, 0x1 << 28);
        Files.write(path, Arrays.copyOf(bytes, bytes.length - 1));

        try (Evt2Reader reader = Evt2Reader.open(path)) {
            assertThatThrownBy(() -> reader.next(10)).isInstanceOf(EventFormatException.class)
                    .hasMessageContaining("3 bytes into a 4-byte EVT 2.0 word");
        }
    }

    @Test
    void givenHeaderWithOnlyGeometryLine_takesTheSensorSizeFromIt() throws IOException {
        Path path = dir.resolve("f.raw");
        Files.write(path, file("% evt 2.0\n% geometry 320x320\n"));

        try (Evt2Reader reader = Evt2Reader.open(path)) {
            assertThat(reader.geometry()).isEqualTo(SensorGeometry.pixels(320, 320));
            assertThat(reader.next(10)).isNull();
        }
    }

    @Test
    void givenEvt3Header_refusesToDecodeItAsEvt2() throws IOException {
        Path path = dir.resolve("g.raw");
        Files.write(path, file("% evt 3.0\n% end\n"));

        assertThatThrownBy(() -> Evt2Reader.open(path)).isInstanceOf(EventFormatException.class)
                .hasMessageContaining("'evt3'").hasMessageContaining("expected EVT2");
    }
}

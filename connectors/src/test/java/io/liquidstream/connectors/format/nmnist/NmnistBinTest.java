package io.liquidstream.connectors.format.nmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.connectors.format.RealData;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NmnistBinTest {

    @TempDir
    Path dir;

    @Test
    void givenRealSample_readsItsKnownFigures() throws IOException {
        Path real = RealData.file("nmnist-sample.bin");

        Events events = NmnistBin.read(real);

        assertThat(events.size()).isEqualTo(4325);
        assertThat(events.geometry()).isEqualTo(NmnistBin.GEOMETRY);
        assertThat(Files.size(real)).as("no overflow markers: one 5-byte record per event").isEqualTo(4325L * 5);
        int on = 0;
        for (int i = 0; i < events.size(); i++) {
            on += events.p(i);
        }
        assertThat(on).isEqualTo(2145);
        assertThat(events.size() - on).isEqualTo(2180);
        assertThat(events.firstTime()).isEqualTo(654);
        assertThat(events.lastTime()).isEqualTo(311175);
    }

    @Test
    void givenRealSample_writingItBackGivesTheSameBytes() throws IOException {
        Path real = RealData.file("nmnist-sample.bin");
        Path copy = dir.resolve("copy.bin");

        NmnistBin.write(copy, NmnistBin.read(real));

        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(real));
    }

    @Test
    void givenEvents_roundTripKeepsThem() throws IOException {
        Events events = Events.builder(NmnistBin.GEOMETRY)
                .add(0, 0, 0, 0).add(5, 33, 33, 1).add(5, 12, 7, 0).add(1_000_000, 3, 30, 1).build();
        Path file = dir.resolve("a.bin");

        NmnistBin.write(file, events);

        assertThat(NmnistBin.read(file)).isEqualTo(events);
    }

    @Test
    void givenTimesBeyond23Bits_writerInsertsOverflowMarkersAndReaderRestoresTimes() throws IOException {
        long late = (1L << 23) + 12_345;
        long veryLate = 60_000_000L;
        Events events = Events.builder(NmnistBin.GEOMETRY)
                .add(100, 1, 2, 1).add(late, 3, 4, 0).add(veryLate, 5, 6, 1).build();
        Path file = dir.resolve("long.bin");

        NmnistBin.write(file, events);

        long records = Files.size(file) / 5;
        assertThat(records).as("markers were needed").isGreaterThan(3);
        assertThat(NmnistBin.read(file)).isEqualTo(events);
    }

    @Test
    void givenOverflowMarkerInFile_laterTimesGrowBy2To13() throws IOException {
        Path file = dir.resolve("marker.bin");
        Files.write(file, bytes(record(1, 1, 1, 500), record(0, 240, 0, 0), record(2, 2, 0, 10)));

        Events events = NmnistBin.read(file);

        assertThat(events.times()).containsExactly(500, 8192 + 10);
    }

    @Test
    void givenEmptySample_roundTripGivesNoEvents() throws IOException {
        Path file = dir.resolve("empty.bin");

        NmnistBin.write(file, Events.empty(NmnistBin.GEOMETRY));

        assertThat(Files.size(file)).isZero();
        assertThat(NmnistBin.read(file).isEmpty()).isTrue();
    }

    @Test
    void givenTruncatedFile_errorNamesOffsetAndCompleteEvents() throws IOException {
        Path file = dir.resolve("cut.bin");
        byte[] whole = bytes(record(1, 1, 1, 10), record(2, 2, 0, 20));
        Files.write(file, Arrays.copyOf(whole, 8));

        assertThatThrownBy(() -> NmnistBin.read(file))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("at byte 5")
                .hasMessageContaining("after 1 complete events")
                .hasMessageContaining("multiple of 5")
                .satisfies(e -> assertThat(((EventFormatException) e).offset()).isEqualTo(5));
    }

    @Test
    void givenTruncatedFile_lenientReadKeepsEventsBeforeTheDamage() throws IOException {
        Path file = dir.resolve("cut.bin");
        Files.write(file, Arrays.copyOf(bytes(record(1, 1, 1, 10), record(2, 2, 0, 20), record(3, 3, 0, 30)), 13));
        List<EventFormatException> damage = new ArrayList<>();

        Events events = NmnistBin.readLenient(file, damage::add);

        assertThat(events.times()).containsExactly(10, 20);
        assertThat(damage).singleElement().satisfies(e -> assertThat(e.offset()).isEqualTo(10));
    }

    @Test
    void givenTimeGoingBackwards_errorNamesItsOffset() throws IOException {
        Path file = dir.resolve("back.bin");
        Files.write(file, bytes(record(1, 1, 1, 10), record(2, 2, 0, 30), record(3, 3, 0, 20)));

        assertThatThrownBy(() -> NmnistBin.read(file))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("at byte 10")
                .hasMessageContaining("backwards");
    }

    @Test
    void givenAddressOutside34x34_errorNamesItsOffset() throws IOException {
        Path file = dir.resolve("wide.bin");
        Files.write(file, bytes(record(1, 1, 1, 10), record(34, 2, 0, 30)));

        assertThatThrownBy(() -> NmnistBin.read(file))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("at byte 5")
                .hasMessageContaining("x=34");
    }

    @Test
    void givenEventOffTheSensor_writerRefusesBeforeWriting() {
        Events wide = Events.builder(new SensorGeometry(40, 40, 2)).add(1, 35, 0, 0).build();
        Path file = dir.resolve("never.bin");

        assertThatThrownBy(() -> NmnistBin.write(file, wide))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x=35");
        assertThat(file).doesNotExist();
    }

    private static byte[] record(int x, int y, int p, int stamp) {
        return new byte[] {(byte) x, (byte) y, (byte) ((p << 7) | (stamp >>> 16)), (byte) (stamp >>> 8), (byte) stamp};
    }

    private static byte[] bytes(byte[]... records) {
        byte[] all = new byte[records.length * 5];
        for (int i = 0; i < records.length; i++) {
            System.arraycopy(records[i], 0, all, i * 5, 5);
        }
        return all;
    }
}

package io.liquidstream.connectors.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.format.aedat.Aedat4Compression;
import io.liquidstream.connectors.format.aedat.Aedat4Writer;
import io.liquidstream.connectors.format.csv.CsvEventWriter;
import io.liquidstream.connectors.format.nmnist.NmnistBin;
import io.liquidstream.connectors.format.prophesee.DatWriter;
import io.liquidstream.connectors.format.prophesee.Evt2Writer;
import io.liquidstream.connectors.format.prophesee.Evt3Writer;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFilesTest {

    private static final Events EVENTS = Events.builder(SensorGeometry.pixels(34, 34)).add(1, 1, 2, 1).add(9, 30, 31, 0)
            .add(1000, 33, 0, 1).build();

    @TempDir
    Path dir;

    private String formatOf(Path file) throws IOException {
        try (EventFileReader reader = EventFiles.open(file)) {
            assertThat(ReadAll.events(reader, 2)).isEqualTo(EVENTS);
            return reader.format();
        }
    }

    @Test
    void listsTheSupportedFormatsInRecognitionOrder() {
        assertThat(EventFiles.formats()).containsExactly("nwb", "dat", "evt2", "evt3", "nmnist", "aedat", "csv");
    }

    @Test
    void givenMisleadingExtensions_recognisesEachFormatByContent() throws IOException {
        Path dat = dir.resolve("dat.csv");
        DatWriter.write(dat, EVENTS);
        Path evt2 = dir.resolve("evt2.dat");
        Evt2Writer.write(evt2, EVENTS);
        Path evt3 = dir.resolve("evt3.bin");
        Evt3Writer.write(evt3, EVENTS);
        Path nmnist = dir.resolve("nmnist.raw");
        NmnistBin.write(nmnist, EVENTS);
        Path csv = dir.resolve("csv.dat");
        CsvEventWriter.write(csv, EVENTS);

        Path aedat = dir.resolve("aedat4.dat");
        try (Aedat4Writer w = Aedat4Writer.create(aedat, EVENTS.geometry(), Aedat4Compression.LZ4)) {
            w.write(EVENTS);
        }

        assertThat(List.of(formatOf(dat), formatOf(evt2), formatOf(evt3), formatOf(nmnist), formatOf(csv),
                formatOf(aedat))).containsExactly("dat", "evt2", "evt3", "nmnist", "csv", "aedat4");
    }

    @Test
    void givenRawHeaderNamingNoEncoding_fallsBackOnTheExtension() throws IOException {
        Path evt3 = dir.resolve("plain.raw");
        Evt3Writer.write(evt3, EVENTS);
        String header = "% evt 3.0\n% format EVT3;height=34;width=34\n% geometry 34x34\n% end\n";
        byte[] bytes = Files.readAllBytes(evt3);
        byte[] body = Arrays.copyOfRange(bytes, header.length(), bytes.length);
        Files.write(evt3, concat("% geometry 34x34\n% end\n".getBytes(), body));

        try (EventFileReader reader = EventFiles.open(evt3)) {
            assertThat(reader.format()).isEqualTo("evt3");
            assertThat(ReadAll.events(reader, 10)).isEqualTo(EVENTS);
        }
    }

    @Test
    void givenUnknownContentAndExtension_listsTheSupportedFormats() throws IOException {
        Path odd = Files.write(dir.resolve("notes.xyz"), new byte[] {(byte) 0xff, 0, 0x7f, 3, 9, 9});

        assertThatThrownBy(() -> EventFiles.open(odd)).isInstanceOf(EventFormatException.class)
                .hasMessageContaining("extension 'xyz'").hasMessageContaining("dat (Prophesee DAT")
                .hasMessageContaining("evt3").hasMessageContaining("nmnist").hasMessageContaining("csv");
    }

    @Test
    void givenRealNmnistSample_streamsItsKnownFiguresInChunks() throws IOException {
        Path real = RealData.file("nmnist-sample.bin");

        try (EventFileReader reader = EventFiles.open(real)) {
            List<Events> chunks = ReadAll.chunks(reader, 1000);
            Events all = ReadAll.join(chunks, reader);
            assertThat(reader.format()).isEqualTo("nmnist");
            assertThat(chunks).extracting(Events::size).containsExactly(1000, 1000, 1000, 1000, 325);
            assertThat(all).isEqualTo(NmnistBin.read(real));
        }
    }

    @Test
    void givenDamagedNmnistSample_deliversTheIntactPrefixThenTheDamage() throws IOException {
        Path cut = dir.resolve("cut.bin");
        NmnistBin.write(cut, EVENTS);
        byte[] bytes = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 2));

        try (EventFileReader reader = EventFiles.open(cut)) {
            assertThat(reader.next(10).size()).isEqualTo(2);
            assertThatThrownBy(() -> reader.next(10)).isInstanceOf(EventFormatException.class);
        }
    }

    @Test
    void magicRecognisesOnlyItsPrefix() {
        assertThat(EventFiles.magic("#!AER-DAT").test("#!AER-DAT2.0\r\n".getBytes())).isTrue();
        assertThat(EventFiles.magic("#!AER-DAT").test("#!AER".getBytes())).isFalse();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

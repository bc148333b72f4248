package io.liquidstream.connectors.format.aedat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.format.EventFileReader;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AedatFilesTest {

    private static final SensorGeometry DVS128 = SensorGeometry.pixels(128, 128);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"aedat2", "aedat31", "aedat4"})
    void givenEachVersion_openPicksItsReaderFromTheFirstLine(String format) throws IOException {
        Path file = write(format, AedatSamples.random(DVS128, 10, 0, 100, 1));

        try (EventFileReader reader = AedatFiles.open(file)) {
            assertThat(reader.format()).isEqualTo(format);
            assertThat(reader.geometry()).isEqualTo(DVS128);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aedat2", "aedat31", "aedat4"})
    void givenHundredEvents_nextSevenGivesAllInOrderInChunksOfAtMostSeven(String format) throws IOException {
        Events events = AedatSamples.random(DVS128, 100, 1000, 100, 2);
        Path file = write(format, events);

        try (EventFileReader reader = AedatFiles.open(file)) {
            List<Events> chunks = AedatSamples.chunks(reader, 7);

            assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.size()).isBetween(1, 7));
            assertThat(chunks).hasSize(15);
            assertThat(AedatSamples.join(DVS128, chunks)).isEqualTo(events);
            assertThat(reader.next(7)).as("stays at the end").isNull();
        }
    }

    @Test
    void givenUnknownFirstLine_openFailsListingTheVersionsItReads() throws IOException {
        Path file = dir.resolve("other.aedat");
        Files.write(file, "%Height 480\nbinary".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> AedatFiles.open(file))
                .isInstanceOfSatisfying(EventFormatException.class, e -> assertThat(e.offset()).isZero())
                .hasMessageContaining("expected an AEDAT version line ('#!AER-DAT2.0', '#!AER-DAT3.1' or"
                        + " '#!AER-DAT4.0'), found '%Height 480'");
    }

    @Test
    void givenEmptyFile_openFailsSayingNothingWasFound() throws IOException {
        Path file = dir.resolve("empty.aedat");
        Files.write(file, new byte[0]);

        assertThatThrownBy(() -> AedatFiles.open(file))
                .isInstanceOf(EventFormatException.class)
                .hasMessageEndingWith("found ''");
    }

    @Test
    void givenZeroMaxEvents_nextRejectsIt() throws IOException {
        Path file = write("aedat2", AedatSamples.random(DVS128, 3, 0, 10, 3));

        try (EventFileReader reader = AedatFiles.open(file)) {
            assertThatThrownBy(() -> reader.next(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private Path write(String format, Events events) throws IOException {
        Path file = dir.resolve("events." + format);
        switch (format) {
            case "aedat2" -> {
                try (Aedat2Writer writer = Aedat2Writer.create(file, Aedat2Layout.DVS128, DVS128)) {
                    writer.write(events);
                }
            }
            case "aedat31" -> {
                try (Aedat31Writer writer = Aedat31Writer.create(file, DVS128)) {
                    writer.write(events);
                }
            }
            default -> {
                try (Aedat4Writer writer = Aedat4Writer.create(file, DVS128, Aedat4Compression.LZ4)) {
                    writer.write(events);
                }
            }
        }
        return file;
    }
}

package io.liquidstream.connectors.format.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.connectors.format.ReadAll;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFormatTest {

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("e.csv"), text, StandardCharsets.US_ASCII);
    }

    @Test
    void givenVisionEvents_roundTripKeepsThemAndTheGeometry() throws IOException {
        Events events = Events.builder(SensorGeometry.pixels(34, 34)).add(0, 0, 0, 0).add(7, 33, 33, 1)
                .add(7, 1, 2, 0).build();
        Path path = dir.resolve("v.csv");

        CsvEventWriter.write(path, events);

        try (CsvEventReader reader = CsvEventReader.open(path)) {
            assertThat(reader.format()).isEqualTo("csv");
            assertThat(ReadAll.events(reader, 2)).isEqualTo(events);
        }
        assertThat(Files.readAllLines(path)).startsWith("# geometry 34x34x2", "t,x,y,p", "0,0,0,0");
    }

    @Test
    void givenChannelEvents_roundTripAsTimeAndChannelRows() throws IOException {
        Events events = Events.builder(SensorGeometry.channels(64)).add(10, 63, 0, 0).add(11, 0, 0, 0).build();
        Path path = dir.resolve("c.csv");

        CsvEventWriter.write(path, events);

        assertThat(Files.readAllLines(path)).contains("t,channel", "10,63");
        assertThat(ReadAll.events(CsvEventReader.open(path), 10)).isEqualTo(events);
    }

    @Test
    void givenHeaderRowInAnotherOrder_mapsColumnsByName() throws IOException {
        Path path = csv("# geometry 10x10x2\nx,y,polarity,timestamp\n3,4,1,100\n5,6,0,200\n");

        Events events = ReadAll.events(CsvEventReader.open(path), 10);

        assertThat(events).isEqualTo(Events.builder(SensorGeometry.pixels(10, 10)).add(100, 3, 4, 1).add(200, 5, 6, 0)
                .build());
    }

    @Test
    void givenNoGeometryComment_derivesItFromTheLargestAddressesPlusOne() throws IOException {
        Path path = csv("1,3,9,1\n2,7,0,0\n");

        try (CsvEventReader reader = CsvEventReader.open(path)) {
            assertThat(reader.geometry()).isEqualTo(SensorGeometry.pixels(8, 10));
            assertThat(reader.next(10).size()).isEqualTo(2);
        }
    }

    @Test
    void givenHeaderlessChannelRowsWithoutGeometry_countsChannelsFromTheLargest() throws IOException {
        Path path = csv("5,2\n6,11\n");

        try (CsvEventReader reader = CsvEventReader.open(path)) {
            assertThat(reader.geometry()).isEqualTo(SensorGeometry.channels(12));
        }
    }

    @Test
    void givenCommentsBlankLinesAndMinusOnePolarity_skipsTheFormerAndReadsOff() throws IOException {
        Path path = csv("# recorded by hand\n\n# geometry 4x4\n1,1,1,-1\n# between rows\n\n2,2,2,1\n");

        Events events = ReadAll.events(CsvEventReader.open(path), 10);

        assertThat(events).isEqualTo(Events.builder(SensorGeometry.pixels(4, 4)).add(1, 1, 1, 0).add(2, 2, 2, 1).build());
    }

    @Test
    void givenBrokenRow_returnsTheRowsBeforeThenNamesTheLineAndOffset() throws IOException {
        Path path = csv("# geometry 4x4x2\n1,1,1,1\n2,2,2,0\n3,x,2,0\n4,1,1,1\n");

        try (CsvEventReader reader = CsvEventReader.open(path)) {
            List<Events> first = List.of(reader.next(10));
            assertThat(first.get(0).size()).isEqualTo(2);
            assertThatThrownBy(() -> reader.next(10)).isInstanceOf(EventFormatException.class)
                    .hasMessageContaining("line 4: x 'x' is not an integer")
                    .satisfies(e -> assertThat(((EventFormatException) e).offset()).isEqualTo(33));
        }
    }

    @Test
    void givenRowWithTooFewFields_saysHowManyWereExpected() throws IOException {
        Path path = csv("# geometry 4x4x2\n1,1,1,1\n2,2\n");

        try (CsvEventReader reader = CsvEventReader.open(path)) {
            reader.next(1);
            assertThatThrownBy(() -> reader.next(10)).hasMessageContaining("line 3 has 2 fields; expected 4 (t,x,y,p)");
        }
    }

    @Test
    void givenUnknownHeaderNames_refusesWithTheKnownLayouts() throws IOException {
        Path path = csv("when,where\n1,2\n");

        assertThatThrownBy(() -> CsvEventReader.open(path)).isInstanceOf(EventFormatException.class)
                .hasMessageContaining("'when,where'").hasMessageContaining("t,x,y,p");
    }

    @Test
    void givenTextOrBinaryHeads_recognisesOnlyEventRows() {
        assertThat(CsvEventReader.recognises("# c\nt,x,y,p\n1,2,3,1\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(CsvEventReader.recognises("10,3\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(CsvEventReader.recognises("1,2,3\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(CsvEventReader.recognises("#!AER-DAT2.0\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(CsvEventReader.recognises(new byte[] {1, 2, 0, 4})).isFalse();
    }
}

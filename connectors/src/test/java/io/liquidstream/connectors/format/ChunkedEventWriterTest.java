package io.liquidstream.connectors.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.format.aedat.Aedat31Writer;
import io.liquidstream.connectors.format.aedat.Aedat4Compression;
import io.liquidstream.connectors.format.aedat.Aedat4Writer;
import io.liquidstream.connectors.format.csv.CsvEventWriter;
import io.liquidstream.connectors.format.prophesee.DatWriter;
import io.liquidstream.connectors.format.prophesee.Evt2Writer;
import io.liquidstream.connectors.format.prophesee.Evt3Writer;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every format's writer promises: a chunk that breaks a rule writes nothing, and times never go back. */
class ChunkedEventWriterTest {

    private static final SensorGeometry SENSOR = SensorGeometry.pixels(64, 48);
    /** Where the events come from: a larger sensor, so that some of them lie off the writer's. */
    private static final SensorGeometry SOURCE = SensorGeometry.pixels(128, 48);

    @FunctionalInterface
    interface Create {
        ChunkedEventWriter create(Path file, SensorGeometry geometry) throws IOException;
    }

    static Stream<Arguments> writers() {
        return Stream.of(
                Arguments.of("evt2.raw", (Create) Evt2Writer::create),
                Arguments.of("evt3.raw", (Create) Evt3Writer::create),
                Arguments.of("cd.dat", (Create) DatWriter::create),
                Arguments.of("rec.aedat", (Create) Aedat31Writer::create),
                Arguments.of("rec.aedat4", (Create) (f, g) -> Aedat4Writer.create(f, g, Aedat4Compression.NONE)),
                Arguments.of("rec.csv", (Create) CsvEventWriter::create));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void givenAChunkWithAnEventOffTheSensor_nothingOfItIsWrittenAndTheFileReadsBackTheEarlierChunks(String name,
            Create create, @TempDir Path dir) throws IOException {
        Path file = dir.resolve(name);
        try (ChunkedEventWriter writer = create.create(file, SENSOR)) {
            writer.write(events(new long[] {10, 20}, new int[] {1, 2}));
            assertThatThrownBy(() -> writer.write(events(new long[] {30, 40}, new int[] {3, 64})))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("event 1 address (x=64")
                    .hasMessageContaining("outside the writer's sensor");
            writer.write(events(new long[] {50}, new int[] {5}));
        }

        assertThat(readBack(file)).containsExactly(10L, 20L, 50L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void givenAChunkStartingBeforeThePreviousChunksLastEvent_itIsRefusedNamingBothTimes(String name, Create create,
            @TempDir Path dir) throws IOException {
        try (ChunkedEventWriter writer = create.create(dir.resolve(name), SENSOR)) {
            writer.write(events(new long[] {100, 200}, new int[] {1, 2}));

            assertThatThrownBy(() -> writer.write(events(new long[] {150}, new int[] {3})))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("event 0 time 150 us is before 200 us");
        }
    }

    private static Events events(long[] t, int[] x) {
        int[] y = new int[t.length];
        byte[] p = new byte[t.length];
        return Events.of(SOURCE, t, x, y, p);
    }

    private static List<Long> readBack(Path file) throws IOException {
        List<Long> times = new ArrayList<>();
        try (EventFileReader reader = EventFiles.open(file)) {
            for (Events e = reader.next(1000); e != null; e = reader.next(1000)) {
                for (int i = 0; i < e.size(); i++) {
                    times.add(e.t(i));
                }
            }
        }
        return times;
    }
}

package io.liquidstream.connectors.format.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpikingHeidelbergDigitsTest {

    private static final SensorGeometry SHD = SensorGeometry.channels(SpikingHeidelbergDigits.CHANNELS);

    @TempDir
    Path dir;

    @Test
    void givenPublishedVariableLengthLayout_readsRowsInTimeOrder() throws Exception {
        Path file = Path.of(getClass().getResource("shd-vlen.h5").toURI());

        List<LabeledSample> samples = SpikingHeidelbergDigits.read(file, 700);

        assertThat(samples).extracting(LabeledSample::label).containsExactly(7, 19, 0);
        assertThat(samples).extracting(LabeledSample::id).containsExactly("shd-vlen.h5/0", "shd-vlen.h5/1", "shd-vlen.h5/2");
        assertThat(samples.get(0).events()).isEqualTo(events(0, 0, 250_000, 3, 500_000, 699));
        assertThat(samples.get(1).events().isEmpty()).isTrue();
        assertThat(samples.get(2).events()).isEqualTo(events(1_000_000, 42));
    }

    @Test
    void givenSamples_roundTripThroughFlattenedLayoutKeepsLabelsAndEvents() throws IOException {
        List<LabeledSample> samples = List.of(
                new LabeledSample("a", 3, events(10, 699, 10, 0, 1_234_567, 5)),
                new LabeledSample("b", 19, Events.empty(SHD)),
                new LabeledSample("c", 0, events(7, 7)));
        Path file = dir.resolve("shd.h5");

        SpikingHeidelbergDigits.write(file, samples, 700);

        List<LabeledSample> read = SpikingHeidelbergDigits.read(file, 700);
        assertThat(read).extracting(LabeledSample::label).containsExactly(3, 19, 0);
        assertThat(read).extracting(LabeledSample::events)
                .containsExactly(samples.get(0).events(), samples.get(1).events(), samples.get(2).events());
    }

    @Test
    void givenOnlyEmptySamplesOrNone_roundTripKeepsThem() throws IOException {
        Path empties = dir.resolve("empties.h5");
        Path none = dir.resolve("none.h5");

        SpikingHeidelbergDigits.write(empties, List.of(new LabeledSample("e", 4, Events.empty(SHD))), 700);
        SpikingHeidelbergDigits.write(none, List.of(), 700);

        assertThat(SpikingHeidelbergDigits.read(empties, 700)).singleElement()
                .satisfies(s -> assertThat(s.events().isEmpty()).isTrue());
        assertThat(SpikingHeidelbergDigits.read(none, 700)).isEmpty();
    }

    @Test
    void givenUnitBeyondChannels_readerNamesDatasetAndSample() throws IOException {
        Path file = dir.resolve("shd.h5");
        SpikingHeidelbergDigits.write(file, List.of(new LabeledSample("a", 1, events(1, 650))), 700);

        assertThatThrownBy(() -> SpikingHeidelbergDigits.read(file, 600))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("spikes/units[0..1) of sample 0")
                .hasMessageContaining("expected 0..599");
    }

    @Test
    void givenEventBeyondChannels_writerRefuses() {
        List<LabeledSample> samples = List.of(new LabeledSample("wide", 1, events(1, 650)));

        assertThatThrownBy(() -> SpikingHeidelbergDigits.write(dir.resolve("x.h5"), samples, 600))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample wide");
    }

    @Test
    void givenNoSpikesGroup_errorNamesTheExpectedLayout() throws IOException {
        Path file = dir.resolve("other.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset("data", new int[] {1});
        }

        assertThatThrownBy(() -> SpikingHeidelbergDigits.read(file, 700))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("'spikes'")
                .hasMessageContaining("'times' and 'units'");
    }

    @Test
    void givenFixedLengthTimesWithoutOffsets_errorAsksForOffsets() throws IOException {
        Path file = dir.resolve("flat.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup spikes = hdf.putGroup("spikes");
            spikes.putDataset("times", new double[] {0.1});
            spikes.putDataset("units", new int[] {1});
            hdf.putDataset("labels", new int[] {1});
        }

        assertThatThrownBy(() -> SpikingHeidelbergDigits.read(file, 700))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("spikes/offsets")
                .hasMessageContaining("samples + 1 entries");
    }

    @Test
    void givenOffsetsNotMatchingLabels_errorNamesBothCounts() throws IOException {
        Path file = dir.resolve("flat.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup spikes = hdf.putGroup("spikes");
            spikes.putDataset("times", new double[] {0.1, 0.2});
            spikes.putDataset("units", new int[] {1, 2});
            spikes.putDataset("offsets", new long[] {0, 1, 2});
            hdf.putDataset("labels", new int[] {1});
        }

        assertThatThrownBy(() -> SpikingHeidelbergDigits.read(file, 700))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("'spikes/offsets': has 3 entries; expected 2");
    }

    /** SHD-geometry events from (time us, channel) pairs. */
    private static Events events(long... timeChannel) {
        Events.Builder b = Events.builder(SHD);
        for (int i = 0; i < timeChannel.length; i += 2) {
            b.add(timeChannel[i], (int) timeChannel[i + 1], 0, 0);
        }
        return b.build();
    }
}

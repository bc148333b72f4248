package io.liquidstream.connectors.format.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NTidigitsTest {

    @TempDir
    Path dir;

    @Test
    void givenFileWrittenByH5py_readsKeysLabelsAndTimeOrderedEvents() throws Exception {
        List<LabeledSample> test = NTidigits.read(fixture(), "test", false);

        assertThat(test).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("boy-cd-o");
            assertThat(s.label()).isEqualTo(10);
            assertThat(s.events().times()).containsExactly(125_000, 250_000);
            assertThat(s.events().xs()).containsExactly(2, 1);
        });
    }

    @Test
    void givenMultiDigitSequence_itIsLabelledSequenceOrLeftOutForSingleDigitsOnly() throws Exception {
        assertThat(NTidigits.read(fixture(), "train", false)).extracting(LabeledSample::id, LabeledSample::label)
                .containsExactly(tuple("man-ae-1", 1),
                        tuple("woman-bc-z4o", NTidigits.SEQUENCE));
        assertThat(NTidigits.read(fixture(), "train", true)).extracting(LabeledSample::id)
                .containsExactly("man-ae-1");
    }

    @Test
    void givenDigitNames_labelsAreZeroOneToNineAndOhTen() {
        assertThat(NTidigits.label("z")).isZero();
        assertThat(NTidigits.label("1")).isEqualTo(1);
        assertThat(NTidigits.label("9")).isEqualTo(9);
        assertThat(NTidigits.label("o")).isEqualTo(10);
        assertThat(NTidigits.label("12o")).isEqualTo(NTidigits.SEQUENCE);
        assertThatThrownBy(() -> NTidigits.label("x")).hasMessageContaining("z, o or 1..9");
        for (int label = 0; label <= 10; label++) {
            assertThat(NTidigits.label(NTidigits.digitName(label))).isEqualTo(label);
        }
    }

    @Test
    void givenSamples_roundTripKeepsSplitsOrderLabelsAndEvents() throws IOException {
        LabeledSample a = sample("man-aa-o", 10, events(0, 5, 10, 63));
        LabeledSample b = sample("woman-bb", 0, events(1_500_000, 2, 1_500_001, 0));
        LabeledSample c = sample("boy-cc", 7, events(42, 42));
        Path file = dir.resolve("n-tidigits.hdf5");

        NTidigits.write(file, List.of(a, b), List.of(c), s -> NTidigits.digitName(s.label()));

        List<LabeledSample> train = NTidigits.read(file, "train", true);
        assertThat(train).extracting(LabeledSample::id).containsExactly("man-aa-o", "woman-bb-z");
        assertThat(train).extracting(LabeledSample::label).containsExactly(10, 0);
        assertThat(train).extracting(LabeledSample::events).containsExactly(a.events(), b.events());
        assertThat(NTidigits.read(file, "test", true)).singleElement()
                .satisfies(s -> assertThat(s.events()).isEqualTo(c.events()));
    }

    @Test
    void givenEmptySampleAndEmptySplit_roundTripKeepsThem() throws IOException {
        Path file = dir.resolve("empty.hdf5");

        NTidigits.write(file, List.of(sample("man-aa", 3, Events.empty(NTidigits.GEOMETRY))), List.of(),
                s -> NTidigits.digitName(s.label()));

        assertThat(NTidigits.read(file, "train", false)).singleElement()
                .satisfies(s -> assertThat(s.events().isEmpty()).isTrue());
        assertThat(NTidigits.read(file, "test", false)).isEmpty();
    }

    @Test
    void givenMissingLabelsDataset_errorNamesWhatWasExpected() throws IOException {
        Path file = dir.resolve("wrong.hdf5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset("labels", new int[] {1});
        }

        assertThatThrownBy(() -> NTidigits.read(file, "train", false))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("'train_labels'")
                .hasMessageContaining("missing")
                .hasMessageContaining("sample keys")
                .hasMessageContaining("[labels]");
    }

    @Test
    void givenMissingSampleDataset_errorNamesItsPath() throws IOException {
        Path file = dir.resolve("partial.hdf5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset("train_labels", new String[] {"man-aa-1"});
            hdf.putGroup("train_addresses").putDataset("man-aa-1", new int[] {1});
            hdf.putGroup("train_timestamps");
        }

        assertThatThrownBy(() -> NTidigits.read(file, "train", false))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("train_timestamps/man-aa-1")
                .satisfies(e -> assertThat(((EventFormatException) e).dataset()).hasValue("train_timestamps/man-aa-1"));
    }

    @Test
    void givenChannelOutside64_errorNamesDatasetAndElement() throws IOException {
        Path file = dir.resolve("wide.hdf5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset("train_labels", new String[] {"man-aa-1"});
            hdf.putGroup("train_addresses").putDataset("man-aa-1", new int[] {1, 64});
            hdf.putGroup("train_timestamps").putDataset("man-aa-1", new double[] {0.1, 0.2});
        }

        assertThatThrownBy(() -> NTidigits.read(file, "train", false))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("train_addresses/man-aa-1")
                .hasMessageContaining("element 1 is channel 64; expected 0..63");
    }

    @Test
    void givenNotAnHdf5File_errorSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("text.hdf5"), "hello");

        assertThatThrownBy(() -> NTidigits.read(file, "train", false))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("not a readable HDF5 file");
    }

    @Test
    void givenMissingFile_errorIsNoSuchFile() {
        assertThatThrownBy(() -> NTidigits.read(dir.resolve("absent.hdf5"), "train", false))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("absent.hdf5");
    }

    @Test
    void givenRepeatedKey_writerRefuses() {
        LabeledSample one = sample("man-aa", 1, events(1, 1));

        assertThatThrownBy(() -> NTidigits.write(dir.resolve("dup.hdf5"), List.of(one, one), List.of(),
                s -> NTidigits.digitName(s.label())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("man-aa-1");
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(NTidigitsTest.class.getResource("ntidigits-h5py.h5").toURI());
    }

    private static LabeledSample sample(String id, int label, Events events) {
        return new LabeledSample(id, label, events);
    }

    /** Events from (time us, channel) pairs. */
    private static Events events(long... timeChannel) {
        Events.Builder b = Events.builder(NTidigits.GEOMETRY);
        for (int i = 0; i < timeChannel.length; i += 2) {
            b.add(timeChannel[i], (int) timeChannel[i + 1], 0, 0);
        }
        return b.build();
    }
}

package io.liquidstream.connectors.format.nmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NmnistFolderTest {

    @TempDir
    Path root;

    @Test
    void givenSamplesWrittenInAnyOrder_readOrdersByClassThenFileName() throws IOException {
        write("Train", "b", 3);
        write("Train", "a", 3);
        write("Train", "z", 1);
        write("Test", "t", 2);

        List<LabeledSample> train = NmnistFolder.read(root, "Train", 0);

        assertThat(train).extracting(LabeledSample::id).containsExactly("Train/1/z.bin", "Train/3/a.bin", "Train/3/b.bin");
        assertThat(train).extracting(LabeledSample::label).containsExactly(1, 3, 3);
    }

    @Test
    void givenMaxPerClass_keepsTheFirstFilesOfEachClass() throws IOException {
        for (String name : List.of("c", "a", "b")) {
            write("Train", name, 7);
            write("Train", name, 0);
        }

        List<LabeledSample> train = NmnistFolder.read(root, "Train", 2);

        assertThat(train).extracting(LabeledSample::id)
                .containsExactly("Train/0/a.bin", "Train/0/b.bin", "Train/7/a.bin", "Train/7/b.bin");
    }

    @Test
    void givenWrittenSample_readGivesItsEventsBack() throws IOException {
        Events events = Events.builder(NmnistBin.GEOMETRY).add(10, 1, 2, 1).add(20, 3, 4, 0).build();
        NmnistFolder.write(root, "Test", new LabeledSample("whatever/odd name?", 4, events));

        List<LabeledSample> test = NmnistFolder.read(root, "Test", 0);

        assertThat(test).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("Test/4/odd_name_.bin");
            assertThat(s.events()).isEqualTo(events);
        });
    }

    @Test
    void givenIdWithoutUsableName_writerNumbersFiles() throws IOException {
        Path first = NmnistFolder.write(root, "Train", sample("", 5));
        Path second = NmnistFolder.write(root, "Train", sample("x/", 5));

        assertThat(first.getFileName().toString()).isEqualTo("00000.bin");
        assertThat(second.getFileName().toString()).isEqualTo("00001.bin");
    }

    @Test
    void givenStream_yieldsTheSameSamplesAsRead() throws IOException {
        write("Train", "a", 2);
        write("Train", "b", 9);

        try (var stream = NmnistFolder.stream(root, "Train", 0)) {
            assertThat(stream.collect(Collectors.toList())).isEqualTo(NmnistFolder.read(root, "Train", 0));
        }
    }

    @Test
    void givenMissingSplitFolder_errorNamesTheExpectedLayout() {
        assertThatThrownBy(() -> NmnistFolder.read(root, "Test", 0))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("Test/<label 0-9, ...>/*.bin");
    }

    @Test
    void givenUnknownSplit_isRefused() {
        assertThatThrownBy(() -> NmnistFolder.read(root, "train", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Train or Test");
    }

    @Test
    void givenNegativeLabel_writerRefuses() {
        assertThatThrownBy(() -> NmnistFolder.write(root, "Train", sample("a", -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 or more").hasMessageContaining("-1");
    }

    @Test
    void givenTwoDigitLabels_readOrdersFoldersByNumberNotByName() throws IOException {
        for (int label : List.of(35, 10, 2, 9, 11)) {
            write("Train", "a", label);
        }

        List<LabeledSample> train = NmnistFolder.read(root, "Train", 0);

        assertThat(train).extracting(LabeledSample::label).containsExactly(2, 9, 10, 11, 35);
        assertThat(train).extracting(LabeledSample::id).contains("Train/10/a.bin", "Train/35/a.bin");
    }

    @Test
    void givenFoldersThatAreNotLabels_theyAreIgnored() throws IOException {
        write("Train", "a", 3);
        Files.createDirectories(root.resolve("Train/03"));
        Files.writeString(root.resolve("Train/03/b.bin"), "not read");
        Files.createDirectories(root.resolve("Train/x"));
        Files.writeString(root.resolve("Train/x/c.bin"), "not read");

        assertThat(NmnistFolder.read(root, "Train", 0)).extracting(LabeledSample::id).containsExactly("Train/3/a.bin");
    }

    @Test
    void givenNonBinFiles_theyAreIgnored() throws IOException {
        write("Train", "a", 1);
        Files.writeString(root.resolve("Train/1/readme.txt"), "not a sample");

        assertThat(NmnistFolder.read(root, "Train", 0)).hasSize(1);
    }

    private void write(String split, String name, int label) throws IOException {
        NmnistFolder.write(root, split, sample(name, label));
    }

    private static LabeledSample sample(String id, int label) {
        int xy = Math.floorMod(label, 34);
        return new LabeledSample(id, label, Events.builder(NmnistBin.GEOMETRY).add(xy, xy, 0, 1).build());
    }
}

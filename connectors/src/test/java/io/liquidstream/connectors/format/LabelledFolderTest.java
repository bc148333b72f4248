package io.liquidstream.connectors.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.format.csv.CsvEventWriter;
import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledFolderTest {

    private static final SensorGeometry DVXPLORER_LITE = SensorGeometry.pixels(320, 240);

    @TempDir
    Path root;

    /** A few events across the whole 320x240 array, so a reader that clipped it to 34x34 would fail. */
    private static LabeledSample wide(String id, int label) {
        return new LabeledSample(id, label, Events.builder(DVXPLORER_LITE).add(10, 0, 0, 1).add(20, 319, 239, 0)
                .add(30 + label, 160, 120, 1).build());
    }

    @Test
    void givenAedat4RecordingsOfA320x240Camera_samplesKeepTheSensorTheirHeadersState() throws IOException {
        assertThat(LabelledFolder.write(root, "Train", wide("Train/4/b", 4))).hasFileName("b.aedat4");
        LabelledFolder.write(root, "Train", wide("Train/4/a", 4));
        LabelledFolder.write(root, "Train", wide("Train/11/a", 11));

        List<LabeledSample> train = LabelledFolder.read(root, "Train", 0);

        assertThat(train).extracting(LabeledSample::id)
                .containsExactly("Train/4/a.aedat4", "Train/4/b.aedat4", "Train/11/a.aedat4");
        assertThat(train).extracting(LabeledSample::label).containsExactly(4, 4, 11);
        assertThat(train.get(2).events()).isEqualTo(wide("x", 11).events());
        assertThat(LabelledFolder.firstSensor(root, "Train")).contains(DVXPLORER_LITE);
    }

    @Test
    void givenAnNmnistFolder_itReadsExactlyAsNmnistFolderDoes() throws IOException {
        Events small = Events.builder(SensorGeometry.pixels(34, 34)).add(5, 33, 33, 1).add(9, 0, 0, 0).build();
        for (String id : List.of("Train/2/b", "Train/2/a", "Train/0/c", "Test/7/d")) {
            LabeledSample s = new LabeledSample(id, Integer.parseInt(id.split("/")[1]), small);
            assertThat(LabelledFolder.write(root, id.substring(0, id.indexOf('/')), s).toString()).endsWith(".bin");
        }

        assertThat(LabelledFolder.read(root, "Train", 1)).isEqualTo(NmnistFolder.read(root, "Train", 1));
        assertThat(LabelledFolder.read(root, "Test", 0)).isEqualTo(NmnistFolder.read(root, "Test", 0));
    }

    @Test
    void givenCsvRecordingsAndAReadme_theRecordingsAreSamplesAndTheReadmeIsIgnored() throws IOException {
        Path folder = Files.createDirectories(root.resolve("Test/3"));
        try (CsvEventWriter w = CsvEventWriter.create(folder.resolve("s.csv"), DVXPLORER_LITE)) {
            w.write(wide("s", 3).events());
        }
        Files.writeString(folder.resolve("README.txt"), "recorded on a DVXplorer Lite\n");

        List<LabeledSample> test = LabelledFolder.read(root, "Test", 0);

        assertThat(test).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("Test/3/s.csv");
            assertThat(s.events().geometry()).isEqualTo(DVXPLORER_LITE);
            assertThat(s.events().size()).isEqualTo(3);
        });
    }

    @Test
    void givenADamagedRecording_readNamesTheFile() throws IOException {
        LabelledFolder.write(root, "Train", wide("Train/1/ok", 1));
        Path bad = root.resolve("Train/1/zz.aedat4");
        Files.write(bad, "#!AER-DAT4.0\r\nnot flatbuffers".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> LabelledFolder.read(root, "Train", 0)).isInstanceOf(EventFormatException.class)
                .hasMessageContaining("zz.aedat4");
    }
}

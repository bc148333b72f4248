package io.liquidstream.connectors.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.format.LabelledFolder;
import io.liquidstream.connectors.format.hdf5.SpikingHeidelbergDigits;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairedDataTest {

    @Test
    void givenDigits_theSeedsSplitIsTheDefault() {
        PairedData digits = strokes(IntStream.rangeClosed(0, 9));

        assertThat(digits.defaultZeroShotClasses()).containsExactly(8, 9);
        assertThat(digits.defaultTrainClasses(Set.of(8, 9))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void givenLetters_theLastFourAreHeldOutAndTheRestTrain() {
        PairedData letters = strokes(IntStream.rangeClosed(10, 35));

        assertThat(letters.defaultZeroShotClasses()).containsExactly(32, 33, 34, 35);
        assertThat(letters.defaultTrainClasses(letters.defaultZeroShotClasses())).hasSize(22).startsWith(10)
                .endsWith(31);
    }

    @Test
    void givenDigitsAndLetters_digitsEightAndNineStayUnseenAndEverythingElseTrains() {
        PairedData all = strokes(IntStream.rangeClosed(0, 35));

        assertThat(all.defaultZeroShotClasses()).containsExactly(32, 33, 34, 35);
        assertThat(all.defaultTrainClasses(Set.of(8, 9))).hasSize(34).doesNotContain(8, 9);
    }

    private static PairedData strokes(IntStream labels) {
        List<LabeledSample> samples = labels.mapToObj(c -> new LabeledSample("s" + c, c,
                Events.builder(SensorGeometry.channels(192), 0).build())).toList();
        return PairedData.neuralVision(Path.of("x"), samples, List.of(), samples, List.of());
    }

    @TempDir
    Path dir;

    /** A labelled 320x240 AEDAT 4 folder and a 96-electrode SHD pair of the same two classes. */
    private String anySensorPair() throws IOException {
        SensorGeometry camera = SensorGeometry.pixels(320, 240);
        List<LabeledSample> neural = new ArrayList<>();
        for (String split : List.of("Train", "Test")) {
            for (int c = 0; c < 2; c++) {
                for (int k = 0; k < 2; k++) {
                    String id = split + "/" + c + "/" + k;
                    LabelledFolder.write(dir.resolve("vision"), split, new LabeledSample(id, c, Events.builder(camera)
                            .add(0, 10 + c * 200, 20, 1).add(1_000, 319, 239, 0).build()));
                    neural.add(new LabeledSample(id, c, Events.builder(SensorGeometry.channels(96))
                            .add(0, 95 - c, 0, 0).add(2_000, c, 0, 0).build()));
                }
            }
            Path h5 = Files.createDirectories(dir.resolve("neural")).resolve(split.toLowerCase() + ".h5");
            SpikingHeidelbergDigits.write(h5, neural, 96);
            neural.clear();
        }
        return "neural=" + dir.resolve("neural") + ",vision=" + dir.resolve("vision");
    }

    @Test
    void givenA320x240CameraAndA96ElectrodeArrayWithSpecsForThem_theReservoirsTakeTheSpecsOutputs() throws IOException {
        Map<String, InputSpec> inputs = Map.of(
                "vision", InputSpec.parseOrPreset("vision=sensor(320,240,2)|downsample(10,8)|polarity(1)|bins(50)"),
                "neural", InputSpec.parseOrPreset("neural=sensor(96,1,1)|fixed(201)"));

        PairedData data = PairedData.load(anySensorPair(), 192, inputs);

        assertThat(data.b().input()).isEqualTo(inputs.get("vision"));
        assertThat(data.b().reservoir(0).inputs()).isEqualTo(32 * 30);
        assertThat(data.b().reservoir(0).bins()).isEqualTo(50);
        assertThat(data.b().train()).hasSize(4).allSatisfy(s -> assertThat(s.events().geometry())
                .isEqualTo(SensorGeometry.pixels(320, 240)));
        assertThat(data.a().reservoir(0).inputs()).isEqualTo(96);
        assertThat(data.a().test()).hasSize(4);
    }

    @Test
    void givenA320x240DataSetAndNoSpec_loadNamesTheSampleTheSensorSeenAndTheSpecExpected() throws IOException {
        String pair = anySensorPair();
        Map<String, InputSpec> neural96 = Map.of("neural", InputSpec.parseOrPreset("neural=sensor(96,1,1)|fixed(201)"));

        assertThatThrownBy(() -> PairedData.load(pair, 192, neural96))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("events of sensor(320,240,2) (sample Train/0/0.aedat4)",
                        "'image-dvs=sensor(34,34,2)|crop(28,28)|polarity(1)|fixed(50)' expects sensor(34,34,2)",
                        "--input vision=sensor(320,240,2)|downsample(10,8)|");
    }

    @Test
    void givenAnArrayLargerThanTheNeuralSpec_loadSaysToGiveItsChannels() throws IOException {
        String pair = anySensorPair();
        Map<String, InputSpec> inputs = Map.of(
                "vision", InputSpec.parseOrPreset("vision=sensor(320,240,2)|downsample(10,8)|bins(50)"),
                "neural", InputSpec.parseOrPreset("neural=sensor(64,1,1)|fixed(201)"));

        assertThatThrownBy(() -> PairedData.load(pair, 192, inputs))
                .hasMessageContainingAll("channel 95", "reads 64 channels", "--input neural=sensor(CHANNELS,1,1)");
    }

    @Test
    void givenASpecThatKeepsEveryPixel_loadRefusesItAndSuggestsADownsampling() throws IOException {
        String pair = anySensorPair();
        Map<String, InputSpec> inputs = Map.of(
                "vision", InputSpec.parseOrPreset("vision=sensor(320,240,2)|bins(50)"),
                "neural", InputSpec.parseOrPreset("neural=sensor(96,1,1)|fixed(201)"));

        assertThatThrownBy(() -> PairedData.load(pair, 192, inputs))
                .hasMessageContainingAll("153600 reservoir inputs", "2048 neurons", "add downsample(10,8)");
    }

    @Test
    void givenAnInputForAModalityOutsideThePair_loadRefusesIt() throws IOException {
        String pair = anySensorPair();

        assertThatThrownBy(() -> PairedData.load(pair, 192, Map.of("audio", InputSpec.audioProbe())))
                .hasMessageContainingAll("--input audio", "[neural, vision]");
    }
}

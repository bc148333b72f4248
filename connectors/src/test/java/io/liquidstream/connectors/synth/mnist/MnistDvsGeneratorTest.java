package io.liquidstream.connectors.synth.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.synth.camera.TestImages;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDvsGeneratorTest {

    @TempDir
    Path cache;

    private MnistDigits digits;

    /** Five ring "digits" per class, of growing radius, so every sample has something to see. */
    @BeforeEach
    void writeRings() throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (int d = 0; d < 10; d++) {
            StringBuilder json = new StringBuilder("{\"data\": [");
            for (int i = 0; i < 5; i++) {
                for (float v : TestImages.ring(5 + i)) {
                    json.append(json.charAt(json.length() - 1) == '[' ? "" : ",").append(v);
                }
            }
            files.put("package/src/digits/" + d + ".json", json.append("]}").toString());
        }
        digits = MnistDigits.read(MnistTarballs.write(cache, files));
    }

    @Test
    void namesSamplesLikeNmnistFoldersAndLabelsThemWithTheirClass() {
        List<LabeledSample> samples = MnistDvsGenerator.generate(digits, "Test", 1, 1, n -> { });

        assertThat(samples).extracting(LabeledSample::id).containsExactly("Test/0/00000", "Test/1/00000",
                "Test/2/00000", "Test/3/00000", "Test/4/00000", "Test/5/00000", "Test/6/00000", "Test/7/00000",
                "Test/8/00000", "Test/9/00000");
        assertThat(samples).extracting(LabeledSample::label).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void takesAtMostTheImagesTheSplitHolds() {
        List<LabeledSample> samples = MnistDvsGenerator.generate(digits, "train", 100, 1, n -> { });

        assertThat(samples).hasSize(10 * 4);
        assertThat(samples.get(3).id()).isEqualTo("Train/0/00003");
    }

    @Test
    void recordsEverySampleOnTheNmnistSensor() {
        List<LabeledSample> samples = MnistDvsGenerator.generate(digits, "Train", 2, 1, n -> { });

        assertThat(samples).allSatisfy(s -> {
            assertThat(s.events().geometry()).isEqualTo(SensorGeometry.pixels(34, 34));
            assertThat(s.events().size()).isGreaterThan(500);
        });
    }

    @Test
    void givesTheSameImageDifferentRecordingsInDifferentSamples() {
        List<LabeledSample> samples = MnistDvsGenerator.generate(digits, "Train", 1, 1, n -> { });

        // Every class holds the same ring, so differences come from the per-sample seed only.
        assertThat(samples.get(0).events()).isNotEqualTo(samples.get(1).events());
    }

    @Test
    void isReproducibleFromTheSeed() {
        assertThat(MnistDvsGenerator.generate(digits, "Train", 2, 42, n -> { }))
                .isEqualTo(MnistDvsGenerator.generate(digits, "Train", 2, 42, n -> { }));
    }

    @Test
    void reportsProgressAfterEverySample() {
        List<Integer> progress = new ArrayList<>();

        MnistDvsGenerator.generate(digits, "Test", 1, 1, progress::add);

        assertThat(progress).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void rejectsAnUnknownSplit() {
        assertThatThrownBy(() -> MnistDvsGenerator.generate(digits, "Validation", 1, 1, n -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Train or Test")
                .hasMessageContaining("Validation");
    }
}

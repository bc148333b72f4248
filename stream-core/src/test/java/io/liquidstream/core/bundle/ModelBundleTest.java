package io.liquidstream.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.readout.AffineMap;
import io.liquidstream.core.readout.LinearReadout;
import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import io.liquidstream.core.reservoir.RramDeviceModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    private static final String VISION_W0 = "arrays/vision/projection/layer0.weights.npy";

    @TempDir
    Path dir;

    private final Random random = new Random(11);

    @Test
    void givenBundle_writeThenReadRestoresEveryFieldAndArrayBits() throws IOException {
        ModelBundle bundle = sample();
        Path file = dir.resolve("model.zip");

        bundle.write(file);
        ModelBundle read = ModelBundle.read(file);

        assertThat(read).isEqualTo(bundle);
        assertThat(read.version()).isEqualTo(bundle.version()).hasSize(64);
        assertThat(read.modality("vision").reservoir()).isEqualTo(bundle.modality("vision").reservoir());
        assertThat(read.modality("vision").input()).isEqualTo(InputSpec.visionProbe());
        assertThat(read.modality("audio").weights()).isInstanceOf(WeightSourceSpec.Rram.class);
        assertThat(read.metadata()).containsEntry("epochs", "30");
        for (int i = 0; i < bundle.modality("vision").projection().weights().size(); i++) {
            assertBitIdentical(read.modality("vision").projection().weights().get(i),
                    bundle.modality("vision").projection().weights().get(i));
        }
        assertBitIdentical(read.anchors().get(2).vector(), bundle.anchors().get(2).vector());
    }

    @Test
    void givenRramWithStuckDevices_faultFractionRoundTrips() throws IOException {
        ReservoirSpec spec = ReservoirPreset.AUDIO_PROBE.spec(3).withNeurons(8);
        var rram = new WeightSourceSpec.Rram(RramDeviceModel.defaults().withStuckFraction(0.05));
        ModelBundle bundle = new ModelBundle(List.of(new ModalityModel("audio", InputSpec.audioProbe(), spec, rram,
                head(8, 4))), 1.0, List.of(), Map.of());
        Path file = dir.resolve("stuck.zip");

        bundle.write(file);

        assertThat(ModelBundle.read(file).modality("audio").weights()).isEqualTo(rram);
    }

    @Test
    void givenStoredWeights_matricesRoundTripAndServeAsWeightSource() throws IOException {
        ReservoirSpec spec = ReservoirPreset.AUDIO_PROBE.spec(3).withNeurons(8);
        var stored = WeightSourceSpec.Stored.of(new IdealGaussianWeights().weights(spec).withReadNoise(0.05));
        ModalityModel audio = new ModalityModel("audio", InputSpec.audioProbe(), spec, stored, head(8, 4));
        ModelBundle bundle = new ModelBundle(List.of(audio), 1.0, List.of(), Map.of());
        Path file = dir.resolve("stored.zip");

        bundle.write(file);
        ModelBundle read = ModelBundle.read(file);

        assertThat(read).isEqualTo(bundle);
        var weights = read.modality("audio").weights().toWeightSource().weights(spec);
        assertThat(weights.inputMatrix()).isEqualTo(stored.input());
        assertThat(weights.readNoise()).isEqualTo(0.05);
    }

    @Test
    void givenSegmentReadout_itRoundTripsAndSizesTheProjectionInput() throws IOException {
        ReservoirSpec spec = ReservoirPreset.AUDIO_PROBE.spec(3).withNeurons(8);
        ModalityModel audio = new ModalityModel("audio", InputSpec.audioProbe(), spec, new WeightSourceSpec.Ideal(),
                head(32, 4), 4);
        ModelBundle bundle = new ModelBundle(List.of(audio), 1.0, List.of(), Map.of());
        Path file = dir.resolve("segments.zip");

        bundle.write(file);

        assertThat(ModelBundle.read(file).modality("audio").readoutSegments()).isEqualTo(4);
        assertThatThrownBy(() -> new ModalityModel("audio", InputSpec.audioProbe(), spec, new WeightSourceSpec.Ideal(),
                head(8, 4), 4)).hasMessageContaining("8 neurons x 4 read-out segment(s)");
    }

    @Test
    void givenABankOfReservoirs_itRoundTripsAsFormatVersion2AndSizesTheProjectionInput() throws IOException {
        ReservoirSpec spec = ReservoirPreset.AUDIO_PROBE.spec(3).withNeurons(8);
        ModalityModel audio = new ModalityModel("audio", InputSpec.audioProbe(), spec, new WeightSourceSpec.Ideal(),
                head(8 * 2 * 3, 4), 2, null, 3);
        Path file = dir.resolve("bank.zip");

        new ModelBundle(List.of(audio), 1.0, List.of(), Map.of()).write(file);

        ModalityModel read = ModelBundle.read(file).modality("audio");
        assertThat(read.reservoirs()).isEqualTo(3);
        assertThat(read.readoutSegments()).isEqualTo(2);
        assertThat(manifest(file)).contains("\"formatVersion\":2").contains("\"reservoirs\":3");
        assertThatThrownBy(() -> new ModalityModel("audio", InputSpec.audioProbe(), spec, new WeightSourceSpec.Ideal(),
                head(8 * 2, 4), 2, null, 3)).hasMessageContaining("8 neurons x 2 read-out segment(s) x 3 reservoirs");
    }

    @Test
    void givenOneReservoirPerModality_theBundleStaysFormatVersion1WithoutAReservoirsMember() throws IOException {
        Path file = dir.resolve("single.zip");
        sample().write(file);

        assertThat(manifest(file)).contains("\"formatVersion\":1").doesNotContain("\"reservoirs\"");
        assertThat(ModelBundle.read(file).modalities()).allSatisfy(m -> assertThat(m.reservoirs()).isEqualTo(1));
    }

    @Test
    void givenWholeWindowReadout_manifestOmitsSegmentsSoEarlierBundlesKeepTheirVersion() throws IOException {
        ModelBundle bundle = sample();
        Path file = dir.resolve("plain.zip");
        bundle.write(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String manifest = new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(manifest).doesNotContain("readoutSegments");
        }
    }

    @Test
    void givenADecoder_itRoundTripsAsArraysAndChangesTheVersionWhileBundlesWithoutOneKeepTheirs() throws IOException {
        ModelBundle plain = sample();
        ModalityModel vision = plain.modalities().get(0);
        LinearReadout decoder = new LinearReadout(List.of("vx", "vy"), 10, 2, 10_000,
                new AffineMap(2 * vision.reservoir().neurons(), 2, gaussian(4 * vision.reservoir().neurons()),
                        new float[] {0.5f, -0.25f}));
        ModelBundle bundle = new ModelBundle(List.of(vision.withDecoder(decoder), plain.modalities().get(1)),
                plain.temperature(), plain.anchors(), plain.metadata());
        Path file = dir.resolve("decoder.zip");

        bundle.write(file);
        ModelBundle read = ModelBundle.read(file);

        assertThat(read.modalities().get(0).decoder()).isEqualTo(decoder);
        assertThat(read.modalities().get(1).decoder()).isNull();
        assertThat(read.version()).isEqualTo(bundle.version()).isNotEqualTo(plain.version());
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.getEntry("arrays/vision/decoder/weights.npy")).isNotNull();
        }
        try (ZipFile zip = new ZipFile(written().toFile())) {
            String manifest = new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(manifest).doesNotContain("decoder");
        }
    }

    @Test
    void givenOpenSetCalibration_itRoundTripsAndChangesTheVersion() throws IOException {
        OpenSetCalibration calibration = new OpenSetCalibration(new TreeSet<>(Set.of(1, 2, 3)),
                new TreeMap<>(Map.of("audio", 0.125, "vision", -0.25)));
        ModelBundle bundle = sample().withOpenSet(calibration);
        Path file = dir.resolve("open-set.zip");

        bundle.write(file);
        ModelBundle read = ModelBundle.read(file);

        assertThat(read.openSet()).contains(calibration);
        assertThat(read).isEqualTo(bundle);
        assertThat(read.version()).isNotEqualTo(sample().version());
        assertThat(ModelBundle.read(written()).openSet()).isEmpty();
    }

    @Test
    void givenCalibration_trainedClassScoresLoseTheQueryModalitysMarginOnly() {
        OpenSetCalibration c = new OpenSetCalibration(new TreeSet<>(Set.of(0, 1)), new TreeMap<>(Map.of("neural", 0.2)));

        assertThat(c.adjust("neural", 1, 0.9)).isCloseTo(0.7, within(1e-12));
        assertThat(c.adjust("neural", 8, 0.9)).isEqualTo(0.9);
        assertThat(c.adjust("vision", 1, 0.9)).isEqualTo(0.9);
        assertThat(c.trained(0)).isTrue();
        assertThat(c.trained(8)).isFalse();
    }

    @Test
    void givenMarginForAModalityTheBundleLacks_bundleIsRejected() {
        OpenSetCalibration c = new OpenSetCalibration(new TreeSet<>(Set.of(1)), new TreeMap<>(Map.of("neural", 0.1)));

        assertThatThrownBy(() -> sample().withOpenSet(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'neural'");
    }

    @Test
    void givenEqualContent_versionAndFileBytesAreEqual() throws IOException {
        sample().write(dir.resolve("a.zip"));
        random.setSeed(11);
        sample().write(dir.resolve("b.zip"));

        assertThat(Files.readAllBytes(dir.resolve("a.zip"))).isEqualTo(Files.readAllBytes(dir.resolve("b.zip")));
    }

    @Test
    void givenChangedWeight_versionChanges() {
        ModelBundle bundle = sample();
        ModalityModel vision = bundle.modality("vision");
        List<float[]> weights = new ArrayList<>(vision.projection().weights());
        float[] bias = weights.get(1).clone();
        bias[0] = Math.nextUp(bias[0]);
        weights.set(1, bias);
        ModalityModel changed = new ModalityModel("vision", vision.input(), vision.reservoir(), vision.weights(),
                new DenseStack(vision.projection().layerDims(), "GELU", weights));

        ModelBundle other = new ModelBundle(List.of(changed, bundle.modality("audio")), bundle.temperature(),
                bundle.anchors(), bundle.metadata());

        assertThat(other.version()).isNotEqualTo(bundle.version());
    }

    @Test
    void givenTruncatedZip_readFailsNamingTheFile() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> ModelBundle.read(file)).isInstanceOf(BundleFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("zip");
    }

    @Test
    void givenFlippedByteInArrayData_readFailsNamingThatEntry() throws IOException {
        Path file = written();
        rewrite(file, Map.of(VISION_W0, bytes -> {
            bytes[bytes.length - 3] ^= 0x40;
            return bytes;
        }));

        assertThatThrownBy(() -> ModelBundle.read(file)).isInstanceOf(BundleFormatException.class)
                .satisfies(e -> assertThat(((BundleFormatException) e).entry()).isEqualTo(VISION_W0))
                .hasMessageContaining("digest");
    }

    @Test
    void givenFlippedByteInsideTheCompressedArchive_readFailsNamingAnArrayEntry() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        // the manifest comes first and is small, so a third of the way in lies deflated array data
        bytes[bytes.length / 3] ^= 0x01;
        Files.write(file, bytes);

        assertThatThrownBy(() -> ModelBundle.read(file)).isInstanceOf(BundleFormatException.class)
                .satisfies(e -> assertThat(((BundleFormatException) e).entry()).startsWith("arrays/"));
    }

    @Test
    void givenMissingArrayEntry_readFailsNamingIt() throws IOException {
        Path file = written();
        rewrite(file, Map.of("arrays/audio/projection/layer1.bias.npy", bytes -> null));

        assertThatThrownBy(() -> ModelBundle.read(file)).isInstanceOf(BundleFormatException.class)
                .hasMessageStartingWith("arrays/audio/projection/layer1.bias.npy: entry missing");
    }

    @Test
    void givenMissingManifest_readFailsNamingIt() throws IOException {
        Path file = written();
        rewrite(file, Map.of("manifest.json", bytes -> null));

        assertThatThrownBy(() -> ModelBundle.read(file)).isInstanceOf(BundleFormatException.class)
                .hasMessageStartingWith("manifest.json: entry missing");
    }

    @Test
    void givenArrayOfWrongShape_readFailsNamingTheEntryAndBothShapes() throws IOException {
        Path file = written();
        rewrite(file, Map.of(VISION_W0, bytes -> NpyArray.matrix(16, 200, new float[3200]).toBytes()));

        assertThatThrownBy(() -> ModelBundle.read(file)).isInstanceOf(BundleFormatException.class)
                .hasMessageStartingWith(VISION_W0).hasMessageContaining("[200, 16]").hasMessageContaining("[16, 200]");
    }

    @Test
    void givenUnsupportedFormatVersion_readFailsNamingTheManifest() throws IOException {
        Path file = written();
        rewrite(file, Map.of("manifest.json", bytes -> new String(bytes, StandardCharsets.UTF_8)
                .replace("\"formatVersion\":1", "\"formatVersion\":3").getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> ModelBundle.read(file)).isInstanceOf(BundleFormatException.class)
                .hasMessageStartingWith("manifest.json").hasMessageContaining("unsupported formatVersion 3")
                .hasMessageContaining("supports 1 to 2");
    }

    @Test
    void givenEditedManifest_readFailsOnTheContentHash() throws IOException {
        Path file = written();
        rewrite(file, Map.of("manifest.json", bytes -> new String(bytes, StandardCharsets.UTF_8)
                .replace("\"seed\":42", "\"seed\":43").getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> ModelBundle.read(file)).isInstanceOf(BundleFormatException.class)
                .hasMessageStartingWith("manifest.json").hasMessageContaining("hash mismatch");
    }

    @Test
    void givenAnchorOfUnknownModality_bundleIsRejected() {
        ModelBundle bundle = sample();
        List<BundleAnchor> anchors = List.of(new BundleAnchor("x", 1, "neural", new float[16]));

        assertThatThrownBy(() -> new ModelBundle(bundle.modalities(), 0.1, anchors, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'neural'");
    }

    private Path written() throws IOException {
        Path file = dir.resolve("model.zip");
        sample().write(file);
        return file;
    }

    /** Copies the zip, passing chosen entries through an edit (null drops the entry). */
    private static String manifest(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void rewrite(Path file, Map<String, UnaryOperator<byte[]>> edits) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] bytes = edits.getOrDefault(e.getKey(), UnaryOperator.identity()).apply(e.getValue());
                if (bytes != null) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
        }
    }

    private ModelBundle sample() {
        ModalityModel vision = new ModalityModel("vision", InputSpec.visionProbe(), ReservoirPreset.VISION_CLIP.spec(42),
                new WeightSourceSpec.Ideal(), head(200, 16));
        ModalityModel audio = new ModalityModel("audio", InputSpec.audioProbe(), ReservoirPreset.AUDIO_CLIP.spec(7),
                new WeightSourceSpec.Rram(RramDeviceModel.defaults().withLevels(32)), head(200, 32, 16));
        List<BundleAnchor> anchors = List.of(
                new BundleAnchor("digit-8", 8, "vision", gaussian(16)),
                new BundleAnchor("digit-9", 9, "vision", gaussian(16)),
                new BundleAnchor("spoken-8", 8, "audio", gaussian(16)));
        Map<String, String> metadata = Map.of("datasets", "N-MNIST,N-TIDIGITS", "classes", "1-7", "epochs", "30",
                "metric.a2i.top1", "0.661", "created", "2025-01-01T00:00:00Z", "note", "naïve ünïcode");
        return new ModelBundle(List.of(vision, audio), 0.07, anchors, metadata);
    }

    private DenseStack head(int... dims) {
        List<float[]> weights = new ArrayList<>();
        for (int l = 0; l + 1 < dims.length; l++) {
            weights.add(gaussian(dims[l] * dims[l + 1]));
            weights.add(gaussian(dims[l + 1]));
        }
        return new DenseStack(dims, "GELU", weights);
    }

    private float[] gaussian(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static void assertBitIdentical(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToRawIntBits(actual[i])).as("entry %d", i)
                    .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
    }
}

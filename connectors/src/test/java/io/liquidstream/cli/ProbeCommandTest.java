package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.connectors.format.hdf5.NTidigits;
import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.core.evaluation.ReadoutPreset;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe} without flags runs the seed's own settings for the data set it is given, and says so.
 * The expected numbers are the seed's (LSM-NMNIST/ and LSM-NTIDIGITS/lsm_sim_gaussian.py and their run
 * scripts, github.com/MrLinNing/MemristorLSM), written out here.
 */
class ProbeCommandTest {

    @TempDir
    Path dir;

    private static JsonNode probeJson(String... args) throws IOException {
        LiquidStreamCliTest.Run r = LiquidStreamCliTest.run(args);
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void givenAudioAndNoFlags_probeTrainsWithTheSeedsNtidigitsSettings() throws IOException {
        JsonNode s = probeJson("probe", "--audio", audio().toString(), "--json").get("settings");
        assertThat(s.get("protocol").asText()).isEqualTo("N-TIDIGITS linear probe");
        assertThat(s.get("epochs").asInt()).isEqualTo(600);
        assertThat(s.get("optimiser").asText()).isEqualTo("AdamW");
        assertThat(s.get("learningRate").asDouble()).isEqualTo(6e-4);
        assertThat(s.get("weightDecay").asDouble()).isEqualTo(0.01);
        assertThat(s.get("batchSize").asInt()).isEqualTo(256);
        assertThat(s.get("bins").asInt()).isEqualTo(129);
        assertThat(s.get("input").asText()).isEqualTo("audio-probe=sensor(64,1,1)|grid(129,1000)");
        assertThat(s.at("/reservoir/decay").asDouble()).isEqualTo(0.97);
        assertThat(s.get("differsFromSeed").isEmpty()).isTrue();
        assertThat(s.get("seedFlags").asText()).isEmpty();
    }

    @Test
    void givenVisionAndNoFlags_probeTrainsWithTheSeedsNmnistSettings() throws IOException {
        JsonNode json = probeJson("probe", "--vision", vision().toString(), "--json");
        JsonNode s = json.get("settings");
        assertThat(s.get("protocol").asText()).isEqualTo("N-MNIST linear probe");
        assertThat(s.get("epochs").asInt()).isEqualTo(100);
        assertThat(json.get("epochs").asInt()).isEqualTo(100);
        assertThat(s.get("optimiser").asText()).isEqualTo("Adam");
        assertThat(s.get("learningRate").asDouble()).isEqualTo(1e-4);
        assertThat(s.get("weightDecay").asDouble()).isZero();
        assertThat(s.get("batchSize").asInt()).isEqualTo(100);
        assertThat(s.get("bins").asInt()).isEqualTo(50);
        assertThat(s.get("input").asText()).isEqualTo("vision-probe=sensor(34,34,2)|crop(16,16)|polarity(1)|fixed(50)");
        assertThat(s.get("differsFromSeed").isEmpty()).isTrue();
    }

    @Test
    void givenEpochsAndLearningRateFlags_theyOverrideAndTheSettingsNameTheSeedsValues() throws IOException {
        JsonNode s = probeJson("probe", "--audio", audio().toString(), "--epochs", "3", "--lr", "0.01", "--json")
                .get("settings");
        assertThat(s.get("epochs").asInt()).isEqualTo(3);
        assertThat(s.get("learningRate").asDouble()).isEqualTo(0.01);
        assertThat(s.get("batchSize").asInt()).isEqualTo(256);
        assertThat(s.at("/differsFromSeed/epochs").asInt()).isEqualTo(600);
        assertThat(s.at("/differsFromSeed/learningRate").asDouble()).isEqualTo(6e-4);
        assertThat(s.get("seedFlags").asText()).isEqualTo("--epochs 600 --lr 0.0006");
    }

    @Test
    void givenATable_oneSettingsLineNamesOptimiserRateBatchEpochsAndBins() throws IOException {
        LiquidStreamCliTest.Run r = LiquidStreamCliTest.run("probe", "--audio", audio().toString(), "--epochs", "3");
        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.strip().startsWith("settings")))
                .singleElement().asString()
                .contains("AdamW lr 0.0006 weight decay 0.01", "batch 256", "3 epochs", "129 bins",
                        "the seed's N-TIDIGITS linear probe would be: --epochs 600");
    }

    @Test
    void givenNoPreset_theRunSaysItReadTheSeedsWay() throws IOException {
        JsonNode json = probeJson("probe", "--vision", vision().toString(), "--json");
        assertThat(json.get("preset").asText()).isEqualTo("seed");
        assertThat(json.at("/settings/preset").asText()).isEqualTo("seed");
        assertThat(json.at("/settings/reservoirCount").asInt()).isEqualTo(1);
        assertThat(json.at("/settings/standardise").asBoolean()).isFalse();
    }

    @Test
    void givenPresetBest_probeReadsTheWholeSensorWithABankOfStandardisedReservoirsAndNamesTheSeedsFlag()
            throws IOException {
        JsonNode json = probeJson("probe", "--vision", vision().toString(), "--preset", "best", "--epochs", "2", "--json");
        JsonNode s = json.get("settings");
        assertThat(json.get("preset").asText()).isEqualTo("best");
        assertThat(s.get("preset").asText()).isEqualTo("best");
        assertThat(s.get("input").asText()).isEqualTo("vision-sensor=sensor(34,34,2)|downsample(2,2)|fixed(50)");
        assertThat(s.at("/reservoir/inputs").asInt()).isEqualTo(17 * 17 * 2);
        assertThat(s.get("reservoirCount").asInt()).isEqualTo(ReadoutPreset.BEST.readout().reservoirs());
        assertThat(s.get("standardise").asBoolean()).isTrue();
        assertThat(s.get("seedFlags").asText()).contains("--preset seed");
    }

    @Test
    void givenAnUnknownPreset_theErrorListsThePresets() {
        LiquidStreamCliTest.Run r = LiquidStreamCliTest.run("probe", "--audio", "x.h5", "--preset", "fast");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("[seed, best]", "'fast'");
    }

    @Test
    void givenHelp_eachDataSetsSeedDefaultIsShown() {
        LiquidStreamCliTest.Run r = LiquidStreamCliTest.run("probe", "--help");
        String help = r.out().replaceAll("\\s+", " ");
        assertThat(help).contains("Default: the seed's for the data set: 100 (vision), 600 (audio)")
                .contains("100 (vision), 256 (audio)")
                .contains("1.0E-4 (vision, Adam), 6.0E-4 (audio, AdamW, weight decay 0.01)");
    }

    private Path audio() throws IOException {
        return audio(dir);
    }

    private Path vision() throws IOException {
        return vision(dir);
    }

    /** Two samples per N-TIDIGITS class in train, one in test; each class drives its own cochlea channels. */
    static Path audio(Path dir) throws IOException {
        List<LabeledSample> train = new ArrayList<>();
        List<LabeledSample> test = new ArrayList<>();
        for (int label = 0; label < 11; label++) {
            for (int k = 0; k < 3; k++) {
                Events.Builder b = Events.builder(NTidigits.GEOMETRY);
                for (int i = 0; i < 200; i++) {
                    b.add(i * 2_000L + k * 7, (label * 5 + i % 5) % 64, 0, 0);
                }
                LabeledSample s = new LabeledSample("spk" + k + "-" + NTidigits.digitName(label), label, b.build());
                (k < 2 ? train : test).add(s);
            }
        }
        Path h5 = dir.resolve("spoken.h5");
        NTidigits.write(h5, train, test, s -> NTidigits.digitName(s.label()));
        return h5;
    }

    /** Two N-MNIST samples per digit in Train, one in Test; each digit lights its own row of the centre crop. */
    static Path vision(Path dir) throws IOException {
        Path root = dir.resolve("vision");
        for (int label = 0; label < 10; label++) {
            for (int k = 0; k < 3; k++) {
                Events.Builder b = Events.builder(SensorGeometry.pixels(34, 34));
                for (int i = 0; i < 300; i++) {
                    b.add(i * 1_000L, 9 + i % 16, 9 + label, 1);
                }
                NmnistFolder.write(root, k < 2 ? "Train" : "Test",
                        new LabeledSample("d" + label + "-" + k, label, b.build()));
            }
        }
        return root;
    }
}

package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.cli.LiquidStreamCli;
import io.liquidstream.core.bundle.BundleAnchor;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.connectors.synth.speech.EspeakSpeaker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The documented CLI flows, run in-process on freshly generated files in the real formats. */
class CliEndToEndTest {

    @TempDir
    Path dir;

    private static String run(String... args) {
        CommandLine cli = LiquidStreamCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertThat(code).as("exit code of %s; stderr: %s", String.join(" ", args), err).isZero();
        return out.toString();
    }

    @Test
    void strokesDatasetThenVisionProbe_classifiesFarAboveChance() throws Exception {
        Path data = dir.resolve("strokes");
        run("dataset", "strokes", "--out", data.toString(), "--per-class", "12", "--test-per-class", "6");
        assertThat(data.resolve("vision/Train/7")).isDirectory();
        assertThat(Files.list(data.resolve("vision/Test/3")).count()).isEqualTo(6);
        assertThat(data.resolve("neural/train.h5")).isRegularFile();

        JsonNode json = new ObjectMapper().readTree(
                run("probe", "--vision", data.resolve("vision").toString(), "--epochs", "40", "--lr", "0.01", "--json"));
        assertThat(json.get("classes").asInt()).isEqualTo(10);
        assertThat(json.get("trainSamples").asInt()).isEqualTo(120);
        assertThat(json.get("testSamples").asInt()).isEqualTo(60);
        assertThat(json.get("accuracy").asDouble()).as("test accuracy, chance is 10 %%").isGreaterThan(40.0);
    }

    @Test
    void strokesDatasetThenTrainAndZeroShotEval_recordTheNeuralTimeCourseReadOut() throws Exception {
        Path data = dir.resolve("strokes");
        run("dataset", "strokes", "--out", data.toString(), "--per-class", "12", "--test-per-class", "6");
        String pair = "neural=" + data.resolve("neural") + ",vision=" + data.resolve("vision");

        Path model = dir.resolve("model.lsm");
        run("train", "--pair", pair, "--out", model.toString(), "--epochs", "3");
        ModelBundle bundle = ModelBundle.read(model);
        assertThat(bundle.modality("neural").readoutSegments()).isEqualTo(10);
        assertThat(bundle.modality("vision").readoutSegments()).isEqualTo(1);
        assertThat(bundle.anchors()).extracting(BundleAnchor::classLabel).allMatch(c -> c <= 7);
        assertThat(bundle.openSet()).hasValueSatisfying(c -> assertThat(c.trainedClasses()).containsExactly(0, 1, 2, 3,
                4, 5, 6, 7));

        JsonNode json = new ObjectMapper().readTree(run("eval", "zero-shot", "--pair", pair, "--seeds", "1",
                "--epochs", "3", "--figure", "none", "--json"));
        assertThat(json.at("/segments/neural").asInt()).isEqualTo(10);
        assertThat(json.at("/standardise").asBoolean()).isTrue();
        assertThat(json.at("/zeroShot/neuralToImage").asDouble()).isBetween(0.0, 100.0);
        assertThat(json.at("/sizes/zeroShotQueriesNeural").asInt()).isEqualTo(12);
        assertThat(json.at("/generalized/neuralToImage/harmonic").asDouble()).isBetween(0.0, 100.0);
        // the settings it used, beside the seed's neural-image protocol where they differ
        // (LSM-CLIP-BTV/run_lsm_clip_one_layer_26class_sup.sh: --feature_batch 1024 --pd 256 --temperature 0.5)
        assertThat(json.at("/settings/epochs").asInt()).isEqualTo(3);
        assertThat(json.at("/settings/batchSize").asInt()).isEqualTo(128);
        assertThat(json.at("/settings/differsFromSeed/batchSize").asInt()).isEqualTo(1024);
        assertThat(json.at("/settings/seedFlags").asText()).contains("--epochs 100", "--batch-size 1024", "--pd 256",
                "--temperature 0.5");
    }

    @Test
    void spokenDigitsDatasetThenAudioProbe_readsElevenClassesBack() throws Exception {
        assumeTrue(EspeakSpeaker.available(), "espeak-ng is not installed");
        Path file = dir.resolve("spoken.h5");
        run("dataset", "spoken-digits", "--out", file.toString(), "--train-speakers", "1", "--test-speakers", "1");

        JsonNode json = new ObjectMapper().readTree(run("probe", "--audio", file.toString(), "--epochs", "5", "--json"));
        assertThat(json.get("classes").asInt()).isEqualTo(11);
        assertThat(json.get("trainSamples").asInt()).isEqualTo(66);
        assertThat(json.get("testSamples").asInt()).isEqualTo(66);
        assertThat(json.get("accuracy").asDouble()).isBetween(0.0, 100.0);
        assertThat(json.get("meanFiringRate").asDouble()).isPositive();
        assertThat(json.at("/settings/epochs").asInt()).isEqualTo(5);
        assertThat(json.at("/settings/differsFromSeed/epochs").asInt()).as("the seed's N-TIDIGITS epochs").isEqualTo(600);
    }
}

package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.OpenSetCalibration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval zero-shot}'s open-set figures and {@code train}'s stored calibration, on a small strokes data set. */
class GeneralizedZeroShotCliTest {

    @TempDir
    static Path dir;

    private static String pair;

    @BeforeAll
    static void writeData() {
        Path data = dir.resolve("strokes");
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("dataset", "strokes", "--out", data.toString(),
                "--per-class", "12", "--test-per-class", "6");
        assertThat(run.exitCode()).as(run.err()).isZero();
        pair = "neural=" + data.resolve("neural") + ",vision=" + data.resolve("vision");
    }

    @Test
    void givenEvalZeroShotJson_todaysKeysStay_andGeneralizedFiguresAreAddedPerDirection() throws Exception {
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("eval", "zero-shot", "--pair", pair, "--seeds", "2",
                "--epochs", "5", "--figure", "none", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out().strip());

        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("pair", "method", "loss", "pd", "device", "segments", "standardise", "seeds", "inClass",
                "zeroShot", "inClassSd", "zeroShotSd", "chance", "sizes", "perSeed", "generalized", "generalizedSd",
                "generalizedUncalibrated", "generalizedUncalibratedSd", "seenMargins", "seenMarginsSd",
                "generalizedPerSeed", "generalizedUncalibratedPerSeed", "calibration", "generalizedSizes", "settings",
                "seconds");
        for (String group : List.of("generalized", "generalizedSd", "generalizedUncalibrated", "generalizedUncalibratedSd")) {
            for (String direction : List.of("neuralToImage", "imageToNeural")) {
                JsonNode g = json.path(group).path(direction);
                assertThat(g.path("seen").isNumber()).as(group + "." + direction + ".seen").isTrue();
                assertThat(g.path("unseen").isNumber()).as(group + "." + direction + ".unseen").isTrue();
                assertThat(g.path("harmonic").isNumber()).as(group + "." + direction + ".harmonic").isTrue();
                assertThat(g.path("seen").asDouble()).isBetween(0.0, 100.0);
                assertThat(g.path("unseen").asDouble()).isBetween(0.0, 100.0);
            }
        }
        assertThat(json.path("seenMargins").path("neural").isNumber()).isTrue();
        assertThat(json.path("seenMargins").path("vision").isNumber()).isTrue();
        JsonNode calibration = json.path("calibration").path("perSeed");
        assertThat(calibration).hasSize(2);
        assertThat(calibration.get(0).path("pseudoUnseenClasses")).hasSize(2);
        double[] neuralMargins = {calibration.get(0).path("seenMargins").path("neural").asDouble(),
            calibration.get(1).path("seenMargins").path("neural").asDouble()};
        assertThat(json.path("seenMargins").path("neural").asDouble())
                .isCloseTo((neuralMargins[0] + neuralMargins[1]) / 2, within(1e-3));
        assertThat(json.path("generalizedPerSeed")).hasSize(2);
        assertThat(json.path("generalizedPerSeed").get(1).path("imageToNeural").path("harmonic").isNumber()).isTrue();
        // Every test sample of all 10 classes is a query: 6 per class.
        assertThat(json.path("generalizedSizes").path("queriesNeural").asInt()).isEqualTo(60);
        assertThat(json.path("generalizedSizes").path("queriesImage").asInt()).isEqualTo(60);
        // The closed keys are unchanged in shape.
        assertThat(json.path("perSeed")).hasSize(2);
        assertThat(json.path("perSeed").get(0)).hasSize(4);
    }

    @Test
    void givenOneSeed_theHarmonicIsTwoSeenUnseenOverTheirSum() throws Exception {
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("eval", "zero-shot", "--pair", pair, "--seeds", "1",
                "--epochs", "5", "--figure", "none", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode g = new ObjectMapper().readTree(run.out().strip()).path("generalizedUncalibrated").path("neuralToImage");
        double s = g.path("seen").asDouble();
        double u = g.path("unseen").asDouble();
        assertThat(g.path("harmonic").asDouble()).isCloseTo(s + u == 0 ? 0 : 2 * s * u / (s + u), within(0.03));
    }

    @Test
    void givenTheTable_generalizedRowsFollowTheClosedOnes_calibratedWithTheMarginThenUncalibrated() {
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("eval", "zero-shot", "--pair", pair, "--seeds", "1",
                "--epochs", "2", "--figure", "none");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String out = run.out();
        assertThat(out).contains("generalized: every class competes");
        assertThat(out.indexOf("generalized:")).isGreaterThan(out.indexOf("chance"));
        assertThat(out).containsPattern("neural -> image +[0-9.]+ ± [0-9.]+ +[0-9.]+ ± [0-9.]+ +[0-9.]+ ± [0-9.]+ +margin -?[0-9.]+");
        assertThat(out).containsPattern("image -> neural +[0-9.]+ ± .*margin");
        assertThat(out.split("  uncalibrated ", -1)).hasSize(3);
    }

    @Test
    void givenNoGeneralized_theJsonHasOnlyTheClosedKeys() throws Exception {
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("eval", "zero-shot", "--pair", pair, "--seeds", "1",
                "--epochs", "2", "--figure", "none", "--no-generalized", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out().strip());
        assertThat(json.has("generalized")).isFalse();
        assertThat(json.has("seenMargins")).isFalse();
        assertThat(json.has("inClass")).isTrue();
    }

    @Test
    void givenTrain_theBundleStoresTheOpenSetWithTheTrainingClassesAndAMarginPerQueryModality() throws Exception {
        Path model = dir.resolve("model.lsm");
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("train", "--pair", pair, "--out", model.toString(),
                "--epochs", "5");
        assertThat(run.exitCode()).as(run.err()).isZero();

        ModelBundle bundle = ModelBundle.read(model);
        assertThat(bundle.openSet()).isPresent();
        OpenSetCalibration c = bundle.openSet().orElseThrow();
        assertThat(c.trainedClasses()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(c.seenMargins()).containsOnlyKeys("neural", "vision");
        assertThat(bundle.metadata()).containsKey("openSetPseudoUnseen");
        assertThat(run.out()).contains("open set: trained classes [0, 1, 2, 3, 4, 5, 6, 7]");
    }

    @Test
    void givenTrainWithNoOpenSet_theBundleHasNoCalibration() throws Exception {
        Path model = dir.resolve("plain.lsm");
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("train", "--pair", pair, "--out", model.toString(),
                "--epochs", "2", "--no-open-set");
        assertThat(run.exitCode()).as(run.err()).isZero();

        assertThat(ModelBundle.read(model).openSet()).isEmpty();
    }
}

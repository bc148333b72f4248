package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalDeviceCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    @Test
    void givenTwoParameters_jsonHasOnePointPerValueBesideIdealAndThePngHasTwoPanels() throws IOException {
        Path digits = dataSet(4, 2);
        Path png = dir.resolve("fig/device.png");

        int code = run("eval", "device", "--vision", digits.toString(), "--sweep", "stuck=0,0.3", "--sweep",
                "levels=2,64", "--seeds", "2", "--epochs", "5", "--threads", "1", "--figure", png.toString(), "--json");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("trainSamples").asInt()).isEqualTo(40);
        assertThat(json.get("testSamples").asInt()).isEqualTo(20);
        assertThat(json.at("/ideal/probe/perSeed")).hasSize(2);
        assertThat(json.at("/sweeps/stuck")).hasSize(2);
        assertThat(json.at("/sweeps/levels/0/value").asDouble()).isEqualTo(2.0);
        assertThat(json.at("/sweeps/levels/1/probe/mean").asDouble()).isEqualTo(json.at("/rramDefaults/probe/mean")
                .asDouble());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(800);
        assertThat(image.getHeight()).isBetween(300, 500);
    }

    @Test
    void givenUnknownParameter_failsNamingTheKnownOnes() throws IOException {
        StringWriter err = new StringWriter();
        CommandLine cli = LiquidStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("eval", "device", "--vision", dataSet(1, 1).toString(), "--sweep", "drift=1");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("levels, program-noise, read-noise or stuck").contains("'drift'");
    }

    @Test
    void givenAPair_theSweepAddsZeroShotAccuracyBesideTheProbe_andThePngDrawsBoth() throws IOException {
        Path strokes = dir.resolve("strokes");
        assertThat(run("dataset", "strokes", "--out", strokes.toString(), "--per-class", "6", "--test-per-class", "3"))
                .isZero();
        out.getBuffer().setLength(0);
        Path png = dir.resolve("both.png");

        int code = run("eval", "device", "--vision", dataSet(4, 2).toString(), "--pair", "neural=" + strokes.resolve("neural")
                + ",vision=" + strokes.resolve("vision"), "--sweep", "stuck=0,0.3", "--seeds", "1", "--epochs", "3",
                "--threads", "1", "--figure", png.toString(), "--json");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/ideal/probe/perSeed")).hasSize(1);
        assertThat(json.at("/ideal/zero-shot/perSeed")).hasSize(1);
        assertThat(json.at("/sweeps/stuck")).hasSize(2);
        assertThat(json.at("/sweeps/stuck/1/zero-shot/mean").asDouble()).isBetween(0.0, 100.0);
        assertThat(json.at("/metrics/zero-shot").asText()).contains("neural <-> vision").contains("[8, 9]");
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(800);
    }

    @Test
    void givenNeitherVisionNorPair_failsSayingWhatItNeeds() {
        StringWriter err = new StringWriter();
        CommandLine cli = LiquidStreamCli.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("eval", "device", "--sweep", "stuck=0");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--vision DIR").contains("--pair");
    }

    private int run(String... args) {
        CommandLine cli = LiquidStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }

    /** Digits 0-9, each a bar of ON events in its own rows of the central crop. */
    private Path dataSet(int trainPerClass, int testPerClass) throws IOException {
        Path root = dir.resolve("digits");
        SplittableRandom r = new SplittableRandom(5);
        for (int label = 0; label < 10; label++) {
            for (int i = 0; i < trainPerClass + testPerClass; i++) {
                Events.Builder b = Events.builder(SensorGeometry.pixels(34, 34));
                for (int e = 0; e < 200; e++) {
                    b.add(e * 1000L, 9 + r.nextInt(16), 9 + (label * 16) / 10 + r.nextInt(2), 1);
                }
                NmnistFolder.write(root, i < trainPerClass ? "Train" : "Test",
                        new LabeledSample("d" + label + "-" + i, label, b.build()));
            }
        }
        return root;
    }
}

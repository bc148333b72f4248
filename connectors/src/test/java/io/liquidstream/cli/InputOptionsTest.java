package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InputOptionsTest {

    private static InputOptions given(String... texts) {
        InputOptions options = new InputOptions();
        options.texts = List.of(texts);
        return options;
    }

    @Test
    void givenASpecPerModality_specsAreKeyedByModalityAndNamedAfterIt() {
        Map<String, io.liquidstream.core.binning.InputSpec> specs = given(
                "vision=sensor(1280,720,2)|downsample(40,40)|refractory(1000)|denoise(5000)|bins(50)",
                "neural=neural-bmi").specs();

        assertThat(specs.get("vision").describe())
                .isEqualTo("vision=sensor(1280,720,2)|downsample(40,40)|refractory(1000)|denoise(5000)|fixed(50)");
        assertThat(specs.get("vision").inputs()).isEqualTo(32 * 18 * 2);
        assertThat(specs.get("neural").describe()).isEqualTo("neural=sensor(192,1,1)|fixed(201)");
    }

    @Test
    void givenABadArgument_theErrorKeepsItsPositionInTheOption() {
        assertThatThrownBy(() -> given("vision=sensor(320,240,2)|downsample(0,8)|bins(50)").specs())
                .hasMessageStartingWith("--input: ")
                .hasMessageContainingAll("argument 1 of downsample to be at least 1, found 0", "character 25",
                        "'vision=sensor(320,240,2)|downsample(0,8)|bins(50)'");
    }

    @Test
    void givenAnUnknownModalityOrOneTwice_specsRefuseThem() {
        assertThatThrownBy(() -> given("smell=sensor(8,1,1)|fixed(10)").specs())
                .hasMessageContaining("expected a modality of vision, audio or neural before '=', found 'smell'");
        assertThatThrownBy(() -> given("vision=vision-probe", "vision=image-bmi").specs())
                .hasMessageContaining("--input names vision twice");
    }

    @Test
    void givenABadSpecOnTheCommandLine_trainStopsBeforeReadingDataAndSaysWhere() {
        CommandLine cli = LiquidStreamCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("train", "--pair", "neural=/nowhere,vision=/nowhere", "--out", "/nowhere/m.lsm",
                "--input", "vision=sensor(320,240,2)|downsampel(10,8)|bins(50)");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("found 'downsampel' at character 25").doesNotContain("does not exist");
    }
}

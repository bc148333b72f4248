package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LiquidStreamCliTest {

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        CommandLine cli = LiquidStreamCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static List<List<String>> allCommandPaths(CommandLine cl, List<String> prefix, List<List<String>> acc) {
        acc.add(prefix);
        for (var e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals("help")) {
                List<String> p = new ArrayList<>(prefix);
                p.add(e.getKey());
                allCommandPaths(e.getValue(), p, acc);
            }
        }
        return acc;
    }

    @Test
    void everyCommandAnswersHelp() {
        List<List<String>> paths = allCommandPaths(LiquidStreamCli.commandLine(), List.of(), new ArrayList<>());
        assertThat(paths).extracting(p -> String.join(" ", p)).contains("probe", "bench encode");
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run r = run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as("exit code of %s", args).isZero();
            assertThat(r.out()).as("help of %s", args).contains("Usage:").contains("--help");
        }
    }

    @Test
    void everyCommandsDescriptionIsAValidFormatString() {
        // picocli formats descriptions with String.format: a bare '%' prints a warning and the raw text
        List<CommandLine> all = new ArrayList<>();
        collect(LiquidStreamCli.commandLine(), all);
        for (CommandLine cl : all) {
            List<String> lines = new ArrayList<>(List.of(cl.getCommandSpec().usageMessage().description()));
            lines.addAll(List.of(cl.getCommandSpec().usageMessage().header()));
            for (String line : lines) {
                assertThatCode(() -> String.format(line)).as("%s: %s", cl.getCommandName(), line)
                        .doesNotThrowAnyException();
            }
        }
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().forEach(sub -> {
            if (!into.contains(sub)) {
                collect(sub, into);
            }
        });
    }

    @Test
    void givenBenchEncodeJson_printsOneLineWithTheDocumentedFields() throws Exception {
        Run r = run("bench", "encode", "--config", "audio", "--samples", "300", "--threads", "1", "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("config").asText()).isEqualTo("audio");
        assertThat(json.get("threads").asInt()).isEqualTo(1);
        assertThat(json.get("density").asDouble()).isEqualTo(0.05);
        assertThat(json.get("samplesPerSecond").asDouble()).isPositive();
        assertThat(json.get("meanRate").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void givenProbeWithMissingFolder_failsWithAClearMessage() {
        Run r = run("probe", "--vision", "/nonexistent/dataset");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--vision /nonexistent/dataset does not exist");
    }

    @Test
    void givenProbeWithoutInput_reportsUsageError() {
        Run r = run("probe");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--vision").contains("--audio");
    }
}

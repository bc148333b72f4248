package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code liquidstream} command line in the README's and docs' bash blocks parses with the command
 * line as it is: flags, units and values that a reader copies are accepted (the commands are parsed, not
 * run). Optional parts in {@code [...]} are taken, the first of {@code a|b} alternatives, and the
 * placeholders below stand for values.
 */
class DocumentedCommandsTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
    private static final Pattern BASH_BLOCK = Pattern.compile("(?ms)^```bash\\n(.*?)^```");
    private static final Map<String, String> PLACEHOLDERS = Map.of("N", "1", "R", "1", "PORT", "0", "M", "vision",
            "ID", "an-id", "FILE", "file", "DIR", "dir", "RECORDING_OR_DATASET", "dir", "$c", "8");

    @Test
    void everyDocumentedCommandLineParses() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher block = BASH_BLOCK.matcher(Files.readString(doc));
            while (block.find()) {
                // A line ending in a backslash continues on the next, as bash reads it ("... & \" ends a command).
                for (String line : block.group(1).replaceAll("(?<!&)(?<!& )\\\\\n\\s*", " ").split("\n")) {
                    String command = line.strip();
                    if (command.startsWith("./liquidstream ") || command.startsWith("liquidstream ")) {
                        lines.add(ROOT.relativize(doc) + ": " + command);
                    }
                }
            }
        }
        assertThat(lines).as("documented command lines").hasSizeGreaterThan(25);
        for (String line : lines) {
            String command = line.substring(line.indexOf(": ") + 2);
            for (List<String> args : alternatives(command)) {
                assertThat(parseError(args)).as("%s%n  parsed as %s", line, args).isNull();
            }
        }
    }

    /** What picocli says about these arguments, or null when they parse. */
    private static String parseError(List<String> args) {
        try {
            LiquidStreamCli.commandLine().parseArgs(args.toArray(String[]::new));
            return null;
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }

    /** The argument lists a documented line stands for: one per top-level {@code |} alternative. */
    private static List<List<String>> alternatives(String line) {
        String command = line.replaceFirst("^\\.?/?liquidstream ", "").replaceFirst("\\s+#.*$", "")
                .replaceFirst("\\s*(&\\s*\\\\|;\\s*wait)$", "");
        List<List<String>> all = new ArrayList<>();
        String head = command.contains(" | ") ? command.substring(0, command.indexOf(" | ")) : command;
        all.add(args(head));
        if (command.contains(" | ")) {
            // "anchors remove --class 8 [...] | --id ID": the alternative keeps the command words.
            List<String> words = new ArrayList<>(Arrays.stream(head.split("\\s+")).takeWhile(w -> !w.startsWith("-"))
                    .toList());
            words.addAll(args(command.substring(command.indexOf(" | ") + 3)));
            all.add(words);
        }
        return all;
    }

    private static List<String> args(String text) {
        List<String> out = new ArrayList<>();
        for (String token : text.replace("[", " ").replace("]", " ").trim().split("\\s+")) {
            if (token.isEmpty() || token.equals("...")) {
                continue;
            }
            String value = token.contains("|") && !token.startsWith("-") ? token.substring(0, token.indexOf('|')) : token;
            value = value.endsWith(",...") ? value.substring(0, value.length() - 4) : value;
            out.add(PLACEHOLDERS.getOrDefault(value, value));
        }
        return out;
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (var files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }
}

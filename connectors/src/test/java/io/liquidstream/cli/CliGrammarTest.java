package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One grammar for the whole command line, checked on every command and option that exists, so that a new
 * command cannot drift: the same flag means the same thing, in the same units, with the same help text.
 */
class CliGrammarTest {

    /** Commands that start a broker of their own when none is named: the one default they may change. */
    private static final Set<String> OWN_BROKER = Set.of("liquidstream bench pipeline", "liquidstream bench ingest",
            "liquidstream bench bmi");

    /** Names and labels that say an option is a length of time. */
    private static final Pattern TIME_WORDS = Pattern.compile(
            "(duration|timeout|warmup|period|span|length|interval|delay|-ms|-us|-micros|-millis|-seconds|-secs)$");
    private static final Set<String> TIME_LABELS = Set.of("S", "SECONDS", "MS", "US", "MILLIS", "MICROS");

    private static final int WIDTH = 80;

    @Test
    void everyOptionNamingBrokersIsBootstrapServersWithItsAliasLabelAndHelp() {
        List<String> checked = new ArrayList<>();
        for (CommandSpec command : commands()) {
            for (OptionSpec o : visibleOptions(command)) {
                boolean namesBrokers = Arrays.stream(o.names()).anyMatch(n -> n.matches("--(bootstrap.*|brokers?|kafka)"))
                        || o.paramLabel().contains("HOST:PORT");
                if (!namesBrokers) {
                    continue;
                }
                String where = command.qualifiedName() + " " + o.longestName();
                checked.add(command.qualifiedName());
                assertThat(o.names()).as(where).containsExactlyInAnyOrder("--bootstrap-servers", "--bootstrap");
                assertThat(o.paramLabel()).as(where).isEqualTo(KafkaOptions.BOOTSTRAP_LABEL);
                assertThat(o.defaultValue()).as("%s: no picocli default, so that a properties file can set the "
                        + "brokers", where).isNull();
                if (OWN_BROKER.contains(command.qualifiedName())) {
                    assertThat(String.join(" ", o.description())).as(where).contains("(--bootstrap is an alias)")
                            .contains("Default: an embedded broker");
                } else {
                    assertThat(o.description()).as(where).containsExactly(KafkaOptions.BOOTSTRAP_HELP);
                }
            }
        }
        assertThat(checked).as("commands with a broker option").contains("liquidstream serve", "liquidstream replay",
                "liquidstream view", "liquidstream anchors add", "liquidstream anchors list",
                "liquidstream anchors remove", "liquidstream bench pipeline", "liquidstream tail",
                "liquidstream ingest udp", "liquidstream ingest tcp", "liquidstream ingest file", "liquidstream bench ingest");
    }

    @Test
    void everyCommandNamingBrokersTakesKafkaConfigWithTheSharedHelp() {
        for (CommandSpec command : commands()) {
            boolean brokers = command.findOption("--bootstrap-servers") != null;
            OptionSpec config = command.findOption("--kafka-config");
            assertThat(config != null).as("%s has --kafka-config exactly when it has --bootstrap-servers",
                    command.qualifiedName()).isEqualTo(brokers);
            if (config != null) {
                assertThat(config.description()).as(command.qualifiedName()).containsExactly(KafkaOptions.KAFKA_CONFIG_HELP);
                assertThat(config.paramLabel()).as(command.qualifiedName()).isEqualTo("FILE");
            }
        }
    }

    @Test
    void everyLengthOfTimeIsADurationWithUnitsThroughTheSharedConverter() {
        List<String> durations = new ArrayList<>();
        for (CommandSpec command : commands()) {
            for (OptionSpec o : visibleOptions(command)) {
                String where = command.qualifiedName() + " " + o.longestName();
                boolean named = Arrays.stream(o.names()).anyMatch(n -> TIME_WORDS.matcher(n).find())
                        || TIME_LABELS.contains(o.paramLabel());
                if (o.type() == Duration.class) {
                    durations.add(where);
                    assertThat(o.converters()).as("%s converters", where).hasSize(1)
                            .allMatch(c -> c instanceof DurationConverter);
                    assertThat(o.paramLabel()).as(where).isEqualTo("DURATION");
                    if (o.defaultValue() != null) {
                        assertThat(o.defaultValue()).as("%s default", where).matches("\\d+(\\.\\d+)?(us|ms|s|m|h)");
                    }
                } else {
                    assertThat(named).as("%s (%s) names a length of time but is not a Duration", where, o.type())
                            .isFalse();
                }
            }
        }
        assertThat(durations).contains("liquidstream demo --duration", "liquidstream bench pipeline --duration",
                "liquidstream bench pipeline --warmup", "liquidstream replay --timeout",
                "liquidstream replay --sample-period", "liquidstream replay --packet-span",
                "liquidstream anchors add --span", "liquidstream anchors list --timeout", "liquidstream tail --timeout",
                "liquidstream ingest udp --duration", "liquidstream ingest udp --linger",
                "liquidstream ingest udp --packet-span", "liquidstream ingest tcp --retry", "liquidstream ingest file --poll",
                "liquidstream replay --dead-letter-wait", "liquidstream bench ingest --duration",
                "liquidstream bench ingest --packet-span");
    }

    @Test
    void hiddenOptionsAreOnlyTheOldSpellingsOfDurationsWithTheirUnitInTheName() {
        for (CommandSpec command : commands()) {
            for (OptionSpec o : command.options()) {
                if (o.hidden()) {
                    assertThat(o.longestName()).as(command.qualifiedName()).matches("--[a-z-]+-(ms|micros)");
                }
            }
        }
    }

    @Test
    void givenTheOldSpellings_theyStillParseToTheSameValues() {
        ReplayCommand replay = new ReplayCommand();
        new CommandLine(replay).parseArgs("data", "--modality", "vision", "--bootstrap", "h:1",
                "--sample-period-micros", "2000000", "--packet-micros", "20000");
        AnchorsCommand.Add add = new AnchorsCommand.Add();
        new CommandLine(add).parseArgs("--class", "8", "--from", "data", "--span-ms", "250");
        PipelineBenchCommand bench = new PipelineBenchCommand();
        new CommandLine(bench).parseArgs("--sample-ms", "120");
        ViewCommand view = new ViewCommand();
        new CommandLine(view).parseArgs("--port", "9000", "--host", "0.0.0.0");
        IngestCommand.Udp ingest = new IngestCommand.Udp();
        new CommandLine(ingest).parseArgs("--port", "0", "--format", "spif", "--geometry", "64x64", "--bootstrap", "h:2",
                "--packet-micros", "20000");

        assertThat(replay.samplePeriodMicros).isEqualTo(2_000_000L);
        assertThat(replay.packets.spanMicros()).isEqualTo(20_000);
        assertThat(replay.kafka.bootstrapServers).isEqualTo("h:1");
        assertThat(add.spanMillis).isEqualTo(250L);
        assertThat(bench.sampleMillis).isEqualTo(120L);
        assertThat(view.port).isEqualTo(9000);
        assertThat(view.host).isEqualTo("0.0.0.0");
        assertThat(ingest.options.packets.spanMicros()).isEqualTo(20_000);
        assertThat(ingest.options.linger()).as("--linger defaults to the packet span").isEqualTo(Duration.ofMillis(20));
        assertThat(ingest.options.kafka.bootstrapServers).isEqualTo("h:2");
    }

    @Test
    void jsonSchemaRegistrySeedAndDeviceSayTheSameThingEverywhere() {
        List<String> json = new ArrayList<>();
        for (CommandSpec command : commands()) {
            OptionSpec j = command.findOption("--json");
            if (j != null) {
                json.add(command.qualifiedName());
                assertThat(j.description()).as(command.qualifiedName()).containsExactly(JsonOption.HELP);
            }
            OptionSpec registry = command.findOption("--schema-registry");
            if (registry != null) {
                assertThat(registry.description()).as(command.qualifiedName()).containsExactly(RegistryOption.HELP);
            }
            for (String[] shared : new String[][] {{"--metrics-port", OptionTexts.METRICS_PORT},
                    {"--ui-port", OptionTexts.UI_PORT}, {"--ui-host", OptionTexts.UI_HOST}}) {
                OptionSpec o = command.findOption(shared[0]);
                if (o != null) {
                    String text = shared[1].replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()));
                    assertThat(String.join(" ", o.description())).as("%s %s", command.qualifiedName(), shared[0])
                            .startsWith(text);
                }
            }
            OptionSpec seed = command.findOption("--seed");
            if (seed != null) {
                assertThat(seed.defaultValue()).as("%s --seed default", command.qualifiedName()).isNotNull();
                assertThat(seed.description()).as(command.qualifiedName())
                        .containsExactly(OptionTexts.SEED.replace("${DEFAULT-VALUE}", seed.defaultValue()));
            }
            OptionSpec device = command.findOption("--device");
            if (device != null) {
                assertThat(device.description()).as(command.qualifiedName())
                        .containsExactly(DeviceOption.HELP.replace("${DEFAULT-VALUE}", "ideal"));
                assertThat(device.defaultValue()).as(command.qualifiedName()).isEqualTo("ideal");
            }
        }
        assertThat(json).contains("liquidstream demo", "liquidstream replay", "liquidstream bench pipeline",
                "liquidstream inspect", "liquidstream anchors list",
                "liquidstream tail", "liquidstream ingest udp", "liquidstream bench ingest");
    }

    @Test
    void givenTheTopLevelHelp_everyCommandIsListedOnOneLineAndTheStreamingServiceIsNamed() {
        String help = usage(LiquidStreamCli.commandLine());

        assertThat(help).contains("The streaming service:").contains("serve").contains("Kafka");
        for (String name : LiquidStreamCli.commandLine().getSubcommands().keySet()) {
            assertThat(help).as("top-level help").containsPattern("(?m)^  " + Pattern.quote(name) + " +\\S");
        }
    }

    @Test
    void givenEveryCommandsHelpAt80Columns_noCommandListEntryWrapsAndNoTokenIsCutAtAPeriod() {
        List<String> faults = new ArrayList<>();
        for (CommandLine cl : commandLines()) {
            List<String> lines = usage(cl).lines().toList();
            boolean inCommandList = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = qualified(cl) + " help line " + (i + 1) + ": '" + line + "'";
                if (line.length() > WIDTH) {
                    faults.add(where + " is wider than " + WIDTH);
                }
                if (line.matches("(Commands|[A-Z][a-z ]+):")) {
                    inCommandList = true;
                } else if (line.isBlank()) {
                    inCommandList = false;
                } else if (inCommandList && !line.matches("  [a-z][a-z-]* +\\S.*")) {
                    faults.add(where + " continues a command list entry: make the header shorter");
                }
                // A sentence ends with a period and a capital follows; "lsm.\nevents" or "e.\ng." is a cut token.
                if (!inCommandList && i + 1 < lines.size() && line.matches(".*[A-Za-z0-9]\\.$")
                        && lines.get(i + 1).stripLeading().matches("[a-z<].*")) {
                    faults.add(where + " cuts a dotted token (a topic name, e.g.) at the line end");
                }
            }
        }
        assertThat(faults).isEmpty();
    }

    @Test
    void noDescriptionIsCutMidSentenceInTheSource() {
        for (CommandSpec command : commands()) {
            check(command.qualifiedName(), command.usageMessage().description());
            check(command.qualifiedName() + " header", command.usageMessage().header());
            for (OptionSpec o : visibleOptions(command)) {
                check(command.qualifiedName() + " " + o.longestName(), o.description());
            }
            command.positionalParameters().forEach(p -> check(command.qualifiedName() + " " + p.paramLabel(),
                    p.description()));
        }
    }

    /**
     * Picocli starts each element of a description on a new line and wraps it: an element is a paragraph, or
     * a pre-formatted line (indented) that fits without wrapping.
     */
    private static void check(String where, String[] elements) {
        for (int i = 0; i < elements.length; i++) {
            String e = elements[i];
            if (e.isBlank()) {
                continue;
            }
            if (Character.isWhitespace(e.charAt(0))) {
                assertThat(e.length()).as("%s: pre-formatted line %d fits in %d columns", where, i, WIDTH)
                        .isLessThanOrEqualTo(WIDTH);
                continue;
            }
            boolean nextIsPreformatted = i + 1 < elements.length && !elements[i + 1].isEmpty()
                    && Character.isWhitespace(elements[i + 1].charAt(0));
            assertThat(e.matches("(?s).*[.:!?]\\)?$") || nextIsPreformatted)
                    .as("%s: element %d ends mid-sentence: '%s'", where, i, e).isTrue();
        }
    }

    private static List<OptionSpec> visibleOptions(CommandSpec command) {
        return command.options().stream().filter(o -> !o.hidden()).toList();
    }

    private static List<CommandSpec> commands() {
        return commandLines().stream().map(CommandLine::getCommandSpec).toList();
    }

    private static List<CommandLine> commandLines() {
        List<CommandLine> all = new ArrayList<>();
        collect(LiquidStreamCli.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                collect(sub, into);
            }
        });
    }

    private static String qualified(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName();
    }

    private static String usage(CommandLine cl) {
        StringWriter out = new StringWriter();
        cl.usage(new PrintWriter(out), CommandLine.Help.Ansi.OFF);
        return out.toString();
    }
}

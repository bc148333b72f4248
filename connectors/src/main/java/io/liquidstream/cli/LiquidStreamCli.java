package io.liquidstream.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/** The {@code liquidstream} command line. */
@Command(name = "liquidstream",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "LiquidStream: spike-event streams into embeddings and class associations, on Kafka.",
        description = {
            "Encodes spike-event streams (event cameras, silicon cochleas, neural recordings) with a fixed random "
                + "spiking reservoir and serves embeddings and cross-modal class associations on Apache Kafka. "
                + "The streaming service is serve; replay feeds it recordings, ingest live sensors (UDP, TCP, a "
                + "growing file), tail prints a topic, view shows what it does, anchors adds classes while it "
                + "runs, broker is a local Kafka for development; demo runs all of it on "
                + "built-in data."
        },
        commandListHeading = "%nCommands:%n",
        footer = {
            "",
            "Run liquidstream COMMAND --help for a command's options. The same flag means the same thing "
                + "everywhere: --bootstrap-servers (alias --bootstrap, default localhost:9092) names the Kafka "
                + "brokers, durations take a unit (500ms, 60s, 2m), --json prints one JSON line."
        },
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            ReplayCommand.class,
            IngestCommand.class,
            TailCommand.class,
            ViewCommand.class,
            AnchorsCommand.class,
            BrokerCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            ProbeCommand.class,
            DatasetCommand.class,
            InspectCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LiquidStreamCli {

    /**
     * The top-level command list in groups, in this order; a command in none of them (a new one) is listed
     * under the last.
     */
    static final List<Map.Entry<String, List<String>>> COMMAND_GROUPS = List.of(
            Map.entry("Try it", List.of("demo")),
            Map.entry("The streaming service", List.of("serve", "replay", "ingest", "tail", "view", "anchors", "broker")),
            Map.entry("Models and evaluation", List.of("train", "eval", "probe")),
            Map.entry("Data and measurements", List.of("dataset", "inspect", "bench", "help")));

    public static void main(String[] args) {
        configureNativeMemory();
        int code = commandLine().execute(args);
        System.exit(code);
    }

    /** The configured picocli command tree (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LiquidStreamCli());
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, LiquidStreamCli::groupedCommandList);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (Boolean.getBoolean("liquidstream.stacktrace")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli;
    }

    /** The command list under one heading per group of {@link #COMMAND_GROUPS}, each entry one line. */
    private static String groupedCommandList(Help help) {
        Map<String, Help> left = new LinkedHashMap<>(help.subcommands());
        StringBuilder out = new StringBuilder();
        for (int g = 0; g < COMMAND_GROUPS.size(); g++) {
            Map<String, Help> group = new LinkedHashMap<>();
            for (String command : COMMAND_GROUPS.get(g).getValue()) {
                if (left.containsKey(command)) {
                    group.put(command, left.remove(command));
                }
            }
            if (g == COMMAND_GROUPS.size() - 1) {
                group.putAll(left);
            }
            if (!group.isEmpty()) {
                out.append(COMMAND_GROUPS.get(g).getKey()).append(":\n").append(help.commandList(group));
            }
        }
        return out.toString();
    }

    /**
     * ND4J loads native code through JavaCPP, which unpacks libraries into a cache and tracks off-heap
     * memory. Unless the user chose otherwise, keep the cache in one place and cap the native heap, so a
     * long run cannot take the machine's memory.
     */
    static void configureNativeMemory() {
        setIfAbsent("org.bytedeco.javacpp.cachedir",
                Path.of(System.getProperty("user.home"), ".cache", "liquidstream", "javacpp").toString());
        setIfAbsent("org.bytedeco.javacpp.maxbytes", "2G");
        setIfAbsent("org.bytedeco.javacpp.maxphysicalbytes", "6G");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

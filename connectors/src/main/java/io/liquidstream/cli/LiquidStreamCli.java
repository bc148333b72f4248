package io.liquidstream.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code liquidstream} command line. */
@Command(name = "liquidstream",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Liquid state machine encoding of spike-event streams: probes, benchmarks, data sets.",
        subcommands = {
            ProbeCommand.class,
            BenchCommand.class,
            DatasetCommand.class,
            DemoCommand.class,
            ServeCommand.class,
            ViewCommand.class,
            ReplayCommand.class,
            TailCommand.class,
            IngestCommand.class,
            AnchorsCommand.class,
            BrokerCommand.class,
            InspectCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LiquidStreamCli {

    public static void main(String[] args) {
        configureNativeMemory();
        int code = commandLine().execute(args);
        System.exit(code);
    }

    /** The configured picocli command tree (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LiquidStreamCli());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (Boolean.getBoolean("liquidstream.stacktrace")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli;
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

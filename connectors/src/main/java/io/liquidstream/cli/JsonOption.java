package io.liquidstream.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --json}, machine output, with one help text on every command that has it ({@code @Mixin JsonOption
 * output;}), and the one way such a command prints: progress on standard error or as lines, then its result
 * as one JSON line or as the report, nothing else under --json.
 */
public final class JsonOption {

    static final String HELP = "Print the result as one JSON line (machine output) instead of the report.";

    @Option(names = "--json", description = HELP)
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public boolean json() {
        return json;
    }

    /** The command's standard output. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** A progress bar on standard error, or a silent one under --json. */
    Progress progress(String label, long total) {
        return json ? Progress.quiet() : new Progress(label, total);
    }

    /** Progress lines to {@code out} as they come, or nowhere under --json, where the one line is the result. */
    Consumer<String> lines(PrintWriter out) {
        return line -> {
            if (!json) {
                out.println(line);
                out.flush();
            }
        };
    }

    /** The result on the command's standard output: its fields as one JSON line under --json, else the report. */
    void print(Supplier<Map<String, ?>> fields, Consumer<PrintWriter> report) {
        print(out(), fields, report);
    }

    /** The result: its fields as one JSON line under --json, else the report. */
    void print(PrintWriter out, Supplier<Map<String, ?>> fields, Consumer<PrintWriter> report) {
        if (json) {
            out.println(Json.line(fields.get()));
        } else {
            report.accept(out);
        }
        out.flush();
    }
}

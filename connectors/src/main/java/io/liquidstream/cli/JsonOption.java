package io.liquidstream.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code --json}, machine output, with one help text on every command that has it ({@code @Mixin JsonOption output;}). */
public final class JsonOption {

    static final String HELP = "Print the result as one JSON line (machine output) instead of the report.";

    @Option(names = "--json", description = HELP)
    boolean json;

    public boolean json() {
        return json;
    }

    /** Progress lines to {@code out} as they come, or nowhere under --json, where the one line is the result. */
    Consumer<String> progress(PrintWriter out) {
        return line -> {
            if (!json) {
                out.println(line);
                out.flush();
            }
        };
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

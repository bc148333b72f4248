package io.liquidstream.cli;

import picocli.CommandLine.Option;

/** {@code --json}, machine output, with one help text on every command that has it ({@code @Mixin JsonOption output;}). */
public final class JsonOption {

    static final String HELP = "Print the result as one JSON line (machine output) instead of the report.";

    @Option(names = "--json", description = HELP)
    boolean json;

    public boolean json() {
        return json;
    }
}

package io.liquidstream.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the benchmarks against Kafka (bench pipeline, bmi, ingest) share: the cluster they run on, their
 * own embedded broker unless given one, and how they report: progress lines and a text report, or with
 * --json one JSON line alone.
 */
final class BenchRun {

    @Mixin
    OwnBrokerOptions cluster;

    @Mixin
    JsonOption output;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The brokers given, or null for an embedded broker. */
    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The client properties of --kafka-config (empty without it). */
    Map<String, Object> clientConfig() throws IOException {
        return cluster.clientConfig();
    }

    /** Where the bench's progress lines go. */
    Consumer<String> progress() {
        return output.lines(out());
    }

    /** Prints the result: its fields as one JSON line under --json, else the report. */
    void print(Supplier<Map<String, ?>> fields, Consumer<PrintWriter> report) {
        output.print(out(), fields, report);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}

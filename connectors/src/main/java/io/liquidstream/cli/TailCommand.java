package io.liquidstream.cli;

import io.liquidstream.connectors.tail.RecordLines;
import io.liquidstream.connectors.tail.TopicTail;
import io.liquidstream.schemas.codec.AnyMessageDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code liquidstream tail}: a topic's Avro records as readable lines, the way kcat shows plain topics. */
@Command(name = "tail", header = "Print a topic's records (any LiquidStream message, decoded) as lines.",
        mixinStandardHelpOptions = true,
        description = {
            "Decodes every record of TOPIC, whichever LiquidStream message it holds (EventPacket, SensorInfo, "
                + "Embedding, Association, ClassAnchor; the type is read from each record's schema fingerprint), and "
                + "prints one line per record: a table line with long arrays cut to their first values and length, "
                + "or with --format json (or --json) one complete JSON object. Without --follow it prints what the "
                + "topic holds and exits; with --follow it prints new records until Ctrl-C. Records in the Confluent "
                + "wire format need the schema registry that assigned their ids, and are printed as undecodable "
                + "with that reason. A summary goes to stderr."
        })
final class TailCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic, e.g. lsm.associations.")
    String topic;

    @Option(names = "--follow", description = "Keep printing new records until interrupted (or --max).")
    boolean follow;

    @Option(names = "--from-beginning", description = "With --follow: print the records already there first.")
    boolean fromBeginning;

    @Option(names = "--format", defaultValue = "table", paramLabel = "json|table",
            description = "table (arrays summarised) or json (complete). Default: ${DEFAULT-VALUE}.")
    String format;

    @Mixin
    JsonOption output;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    BrokerTimeout broker;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RecordLines.Format chosen = output.json() ? RecordLines.Format.JSON : switch (format) {
            case "json" -> RecordLines.Format.JSON;
            case "table" -> RecordLines.Format.TABLE;
            default -> throw new IllegalArgumentException("--format must be json or table, found '" + format + "'");
        };
        if (max != null && max < 1) {
            throw new IllegalArgumentException("--max must be positive, found " + max);
        }
        Map<String, Object> props = kafka.clientProperties();
        PrintWriter out = spec.commandLine().getOut();
        TopicTail.Options options = new TopicTail.Options(props, topic, follow, fromBeginning,
                max == null ? Long.MAX_VALUE : max, broker.timeout);
        // On Ctrl-C the hook stops the tail and waits until its summary is out and the consumer closed.
        CountDownLatch finished = new CountDownLatch(1);
        try (TopicTail tail = new TopicTail(options)) {
            Thread hook = new Thread(() -> {
                tail.stop();
                try {
                    finished.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            TopicTail.Summary summary;
            try {
                summary = tail.run(new RecordLines(chosen, new AnyMessageDecoder()), line -> {
                    out.println(line);
                    out.flush();
                });
            } finally {
                removeHook(hook);
            }
            PrintWriter err = spec.commandLine().getErr();
            err.printf("tail: %d records from %s (%d partitions)%s%n", summary.records(), topic, summary.partitions(),
                    summary.undecodable() == 0 ? "" : ", " + summary.undecodable() + " undecodable");
            err.flush();
        } finally {
            finished.countDown();
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook is running
        }
    }
}

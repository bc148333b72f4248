package io.liquidstream.cli;

import io.liquidstream.connectors.deadletter.DeadLetterWatch;
import io.liquidstream.connectors.ingest.DvTcpFeed;
import io.liquidstream.connectors.ingest.Feed;
import io.liquidstream.connectors.ingest.GrowingFileFeed;
import io.liquidstream.connectors.ingest.IngestCounts;
import io.liquidstream.connectors.ingest.IngestStats;
import io.liquidstream.connectors.ingest.KafkaIngest;
import io.liquidstream.connectors.ingest.LivePackets;
import io.liquidstream.connectors.ingest.UdpFeed;
import io.liquidstream.connectors.ingest.UdpFormat;
import io.liquidstream.connectors.replay.KafkaReplay;
import io.liquidstream.connectors.replay.ReplayResult;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
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

/**
 * {@code liquidstream ingest udp|tcp|file}: reads live events from event-camera software and publishes
 * them to Kafka as the {@code EventPacket}s {@code serve} consumes. The transports live in
 * {@code connectors/ingest}; this class parses options and prints.
 */
@Command(name = "ingest", header = "Publish live events from the network or a growing file to Kafka.",
        mixinStandardHelpOptions = true,
        description = "Reads live events (UDP datagrams from AEStream or a SPIF link, the AEDAT 4 stream a DV network"
            + " output serves, or an AEDAT 4 recording as it is written) and publishes them to Kafka as Avro"
            + " EventPackets keyed by the source id, cut as replay cuts them. Runs until the input ends, --duration"
            + " passes or Ctrl-C; progress and notices on stderr, summary on stdout. Layouts: docs/ingest.md.",
        subcommands = {IngestCommand.Udp.class, IngestCommand.Tcp.class, IngestCommand.File.class})
final class IngestCommand {

    private IngestCommand() {
    }

    /** What every transport shares: the ingest and dead-letter options, and the run itself. */
    abstract static class Subcommand implements Callable<Integer> {

        @Mixin
        IngestOptions options = new IngestOptions();

        @Mixin
        DeadLetterOptions deadLetters = new DeadLetterOptions();

        @Spec
        CommandSpec spec;

        /**
         * An opened transport: its feed, the source id used without --source, the packets queued for Kafka and
         * a note for the start line (or null).
         */
        record Input(Feed feed, String defaultId, int queue, String note) {
        }

        /** Opens the transport, counting into {@code stats}. */
        abstract Input open(IngestStats stats) throws IOException;

        @Override
        public final Integer call() throws IOException {
            options.check();
            IngestStats stats = new IngestStats();
            Input in = open(stats);
            return run(in.feed(), options.source != null ? options.source : in.defaultId(), in.queue(), stats, in.note(),
                    options, deadLetters, spec);
        }
    }

    @Command(name = "udp", mixinStandardHelpOptions = true,
            header = "Listen for event datagrams (AEStream t64/t32, SPIF) on a UDP port.",
            description = "Listens on a UDP port for event datagrams. When Kafka falls behind, datagrams are dropped"
                + " and counted (the socket is never left undrained); the summary says how many.")
    static final class Udp extends Subcommand {

        @Option(names = "--port", required = true, paramLabel = "PORT", description = "UDP port to listen on.")
        int port;

        @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "ADDR",
                description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
        String host;

        @Option(names = "--format", required = true, paramLabel = "F",
                description = "spif, t64_x16_y16_on8 (alias aestream) or t32_x16_y15_on1.")
        String format;

        @Option(names = {"--geometry", "--sensor"}, required = true, converter = IngestOptions.GeometryConverter.class,
                paramLabel = "WxH", description = "Sensor size, e.g. 640x480; events outside it are dropped.")
        SensorGeometry geometry;

        @Mixin
        UdpBuffers buffers;

        @Override
        Input open(IngestStats stats) throws IOException {
            UdpFeed feed = UdpFeed.bind(new InetSocketAddress(host, port), UdpFormat.parse(format), geometry,
                    buffers.receiveBuffer, stats);
            return new Input(feed, "udp-" + feed.localAddress().getPort(), buffers.queue,
                    String.format(Locale.ROOT, "socket receive buffer %,d bytes", feed.receiveBuffer()));
        }
    }

    @Command(name = "tcp", mixinStandardHelpOptions = true,
            header = "Read the AEDAT 4 stream of a DV network output over TCP.",
            description = "Connects to a DV network output (we are the client) and reads its AEDAT 4 stream. When"
                + " Kafka falls behind, reading pauses (TCP slows the server). A lost connection or a damaged stream"
                + " is said and counted, and the ingester connects again.")
    static final class Tcp extends Subcommand {

        // Not labelled HOST:PORT, the label of Kafka brokers: this is the DV / dv-processing server.
        @Option(names = "--connect", required = true, paramLabel = "SERVER",
                description = "The DV / dv-processing server to read from: HOST:PORT.")
        String connect;

        @Option(names = {"--geometry", "--sensor"}, converter = IngestOptions.GeometryConverter.class, paramLabel = "WxH",
                description = "Sensor size, used only when the server's header states none.")
        SensorGeometry geometry;

        @Option(names = "--retry", defaultValue = "1s", converter = DurationConverter.class,
                paramLabel = "DURATION",
                description = "Pause before connecting again after a failure. Default: ${DEFAULT-VALUE}.")
        Duration retry;

        @Override
        Input open(IngestStats stats) {
            int colon = connect.lastIndexOf(':');
            int port;
            try {
                port = Integer.parseInt(connect.substring(colon + 1));
            } catch (RuntimeException e) {
                port = -1;
            }
            if (colon <= 0 || port < 1 || port > 65535) {
                throw new IllegalArgumentException("--connect expects HOST:PORT, found '" + connect + "'");
            }
            String host = connect.substring(0, colon);
            DvTcpFeed feed = new DvTcpFeed(InetSocketAddress.createUnresolved(host, port), geometry,
                    Duration.ofSeconds(5), retry, stats);
            return new Input(feed, "dv-" + host + "-" + port, 64, null);
        }
    }

    @Command(name = "file", mixinStandardHelpOptions = true,
            header = "Read an AEDAT 4 recording, with --follow while it is being written.",
            description = "Reads an AEDAT 4 recording. With --follow, waits for the file to appear and for more data"
                + " at its end, until the writer finishes it (writes its data table) or Ctrl-C.")
    static final class File extends Subcommand {

        @Parameters(index = "0", paramLabel = "FILE", description = "AEDAT 4 recording.")
        Path file;

        @Option(names = "--follow", description = "Keep reading as the file grows.")
        boolean follow;

        @Option(names = {"--geometry", "--sensor"}, converter = IngestOptions.GeometryConverter.class, paramLabel = "WxH",
                description = "Sensor size, used only when the header states none.")
        SensorGeometry geometry;

        @Option(names = "--poll", defaultValue = "20ms", converter = DurationConverter.class,
                paramLabel = "DURATION", description = "How often to look for new data. Default: ${DEFAULT-VALUE}.")
        Duration poll;

        @Override
        Input open(IngestStats stats) throws IOException {
            return new Input(new GrowingFileFeed(file, geometry, follow, poll, stats),
                    file.toAbsolutePath().normalize().getFileName().toString(), 64, null);
        }
    }

    /** Runs one ingest to its end and reports it; Ctrl-C ends it after sending and reporting what was read. */
    private static int run(Feed feed, String id, int queue, IngestStats stats, String note, IngestOptions options,
            DeadLetterOptions deadLetters, CommandSpec spec) throws IOException {
        PrintStream err = options.output.json() ? new PrintStream(OutputStream.nullOutputStream()) : System.err;
        stats.onNotice(line -> {
            System.err.println("ingest: " + line);
            System.err.flush();
        });
        Map<String, Object> props = options.clientProperties();
        KafkaReplay.Target target = options.target(props);
        CountDownLatch reported = new CountDownLatch(1);
        // numbered from the start time in us: a restart continues above the earlier runs of this source id
        long firstSeq = options.firstSeq != null ? options.firstSeq : System.currentTimeMillis() * 1000;
        try (LivePackets packets = new LivePackets(feed, id, options.modality(), options.packets.events(),
                options.packets.spanMicros(), options.linger(), queue, stats, firstSeq)) {
            // Ctrl-C ends the input; the JVM exits once what was read is sent and the summary printed
            Thread hook = new Thread(() -> {
                packets.stop();
                try {
                    reported.await(deadLetters.wait.toSeconds() + 30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "liquidstream-ingest-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return send(packets, target, props, id, note, err, options, deadLetters, spec);
            } finally {
                reported.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook is running
                }
            }
        }
    }

    private static int send(LivePackets packets, KafkaReplay.Target target, Map<String, Object> props, String id,
            String note, PrintStream err, IngestOptions options, DeadLetterOptions deadLetters, CommandSpec spec)
            throws IOException {
        KafkaIngest.Result result;
        DeadLetterWatch watch = null;
        try (TotalsProgress progress = TotalsProgress.ingest(err, System.console() != null, packets.stats())) {
            KafkaReplay.ensureTopic(target);
            watch = deadLetters.start(props, id, target.topic(), System.err, "ingest");
            if (!options.destination.noSensorInfo) {
                packets.onSensor(sensor -> announce(props, options, id, packets.description(), sensor));
            }
            err.println("ingest: " + packets.description() + " -> " + target.topic() + " on " + KafkaOptions.bootstrapOf(props)
                    + " as source '" + id + "'" + (note == null ? "" : ", " + note)
                    + (options.duration == null ? "; Ctrl-C to stop" : "; for " + DurationConverter.format(options.duration)));
            result = KafkaIngest.run(packets, target, options.duration, progress);
        } catch (IOException | RuntimeException e) {
            if (watch != null) {
                watch.close();
            }
            throw e;
        }
        long deadLettered = deadLetters.finish(watch, System.err, "ingest", result.sent().packets());
        report(spec.commandLine().getOut(), options, id, packets.description(), packets.description().contains(" udp "),
                result, watch, deadLettered);
        if (result.inputFailure() != null) {
            System.err.println("error: " + result.inputFailure().getMessage());
            return 1;
        }
        return deadLettered > 0 ? DeadLetterOptions.DEAD_LETTERED_EXIT : 0;
    }

    /** Publishes the source's SensorInfo; a failure is said and ingest goes on (the service then checks addresses). */
    private static void announce(Map<String, Object> props, IngestOptions options, String id, String description,
            SensorGeometry sensor) {
        try {
            options.destination.announce(props, id, options.modality(), sensor, description, System.err, "ingest");
        } catch (RuntimeException e) {
            System.err.println("ingest: could not announce the sensor: " + e.getMessage());
        }
    }

    private static void report(PrintWriter out, IngestOptions options, String id, String input, boolean datagrams,
            KafkaIngest.Result r, DeadLetterWatch watch, long deadLettered) {
        ReplayResult s = r.sent();
        IngestCounts c = r.counts();
        if (options.output.json()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("topic", options.topic());
            fields.put("source", id);
            fields.put("input", input);
            fields.put("packets", s.packets());
            fields.put("events", s.events());
            fields.put("bytes", s.bytes());
            fields.put("seconds", Json.round(s.seconds(), 3));
            fields.put("eventsPerSecond", Math.round(s.eventsPerSecond()));
            fields.put("received", c.received());
            fields.put("receivedBytes", c.receivedBytes());
            fields.put("acceptedEvents", c.acceptedEvents());
            fields.put("droppedDatagrams", c.droppedDatagrams());
            fields.put("droppedEvents", c.droppedEvents());
            fields.put("malformed", c.malformed());
            fields.put("eventsOutsideSensor", c.outsideSensor());
            fields.put("eventsLate", c.late());
            fields.put("connections", c.connections());
            fields.put("disconnects", c.disconnects());
            DeadLetterOptions.json(watch, deadLettered, fields);
            if (r.inputFailure() != null) {
                fields.put("error", r.inputFailure().getMessage());
            }
            out.println(Json.line(fields));
        } else {
            String read = datagrams
                    ? String.format(Locale.ROOT, "received %,d datagrams (%,d bytes), dropped %,d of them (%,d events)"
                            + " on a full queue", c.received(), c.receivedBytes(), c.droppedDatagrams(), c.droppedEvents())
                    : String.format(Locale.ROOT, "received %,d AEDAT packets (%,d bytes) over %,d connection(s), %,d"
                            + " lost", c.received(), c.receivedBytes(), c.connections(), c.disconnects());
            out.println(String.format(Locale.ROOT, "ingested %,d events in %,d packets (%.1f MB) from %s to %s in %.2f s:"
                    + " %,.0f events/s; %s; refused %,d malformed, %,d events outside the sensor, %,d late", s.events(),
                    s.packets(), s.bytes() / 1e6, input, options.topic(), s.seconds(), s.eventsPerSecond(), read,
                    c.malformed(), c.outsideSensor(), c.late()));
        }
        out.flush();
    }
}

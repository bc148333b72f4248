package io.liquidstream.cli;

import io.liquidstream.connectors.deadletter.DeadLetterWatch;
import io.liquidstream.connectors.registry.WireFormat;
import io.liquidstream.connectors.replay.KafkaReplay;
import io.liquidstream.connectors.replay.PacketSource;
import io.liquidstream.connectors.replay.ReplayInputs;
import io.liquidstream.connectors.replay.ReplayResult;
import io.liquidstream.connectors.replay.ReplaySpeed;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liquidstream replay}: sends a recording or a labelled data set to Kafka as the
 * {@code EventPacket}s that {@code liquidstream serve} consumes.
 */
@Command(name = "replay", header = "Replay a recording or data set into Kafka as Avro EventPackets.", mixinStandardHelpOptions = true,
        description = {
            "Replays a recording or data set into Kafka as Avro EventPackets keyed by the source id. An N-MNIST "
                + "folder or an N-TIDIGITS / SHD HDF5 file becomes labelled samples (sample id, label, end-of-sample "
                + "marker), laid one after another in time, and so do an NWB file's trials (one channel per unit); "
                + "any other recording (AEDAT, DAT, EVT 2/3, N-MNIST .bin, CSV, NWB without trials) one continuous "
                + "stream cut into packets. A folder Train/<label>/<recording> of AEDAT, EVT, DAT or CSV recordings "
                + "is labelled samples too. Before the events, the source's sensor is announced as a SensorInfo on "
                + "--sensors-topic. Progress on stderr (none with --json), summary on stdout. Watches the service's "
                + "dead-letter topic for what it sends: exit status 3 when the service dead-lettered any."
        })
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE|DIR", description = "Recording file, HDF5 data set or labelled folder.")
    Path input;

    @Option(names = "--modality", required = true, paramLabel = "M", description = "vision, audio or neural.")
    String modality;

    @Option(names = "--source", paramLabel = "ID", description = "Source id and record key (default: the file name).")
    String source;

    @Option(names = "--speed", defaultValue = "realtime",
            description = "realtime, max (no pacing) or xK, K times faster (x10: ten times). Default: ${DEFAULT-VALUE}.")
    String speed;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicTarget destination;

    @Mixin
    PacketBounds packets;

    @Mixin
    RegistryOption registry;

    @Option(names = "--sample-period", defaultValue = "0s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Labelled samples start every DURATION on the source clock (0s: back to back). Two replays "
                    + "of the same trials (two modalities) with one period at least the longest sample start each "
                    + "trial together, so the service pairs them. Default: ${DEFAULT-VALUE}.")
    Duration samplePeriod;

    /** The spelling before durations took units ({@code --sample-period-micros 2000000}); wins when given. */
    @Option(names = "--sample-period-micros", hidden = true, paramLabel = "US")
    Long samplePeriodMicros;

    @Option(names = "--trial-label", paramLabel = "COLUMN",
            description = "NWB files with trials: label each trial's sample from this trials column (default: unlabelled).")
    String trialLabel;

    @Option(names = {"--sensor", "--geometry"}, paramLabel = "WxH[xP]|N", converter = SensorConverter.class,
            description = "The source's sensor, e.g. 320x240 (two polarities) or 1024 (channels). Default: what the "
                    + "recording states (AEDAT, EVT and DAT headers; 34x34 for N-MNIST; 700 channels for SHD; one "
                    + "channel per unit for NWB; for CSV its '# geometry' line, else the largest address). Needed for "
                    + "SHD files of other channel counts.")
    SensorGeometry sensor;

    @Mixin
    JsonOption output;

    @Mixin
    DeadLetterOptions deadLetters = new DeadLetterOptions();

    @Override
    public Integer call() throws IOException {
        Modality m = Modalities.of(modality);
        if (m == Modality.UNKNOWN) {
            throw new IllegalArgumentException("--modality must be vision, audio or neural, found '" + modality + "'");
        }
        if (samplePeriodMicros != null) {
            samplePeriod = Duration.ofNanos(Math.multiplyExact(samplePeriodMicros, 1_000L));
        }
        if (samplePeriod.isNegative()) {
            throw new IllegalArgumentException("--sample-period must not be negative, found "
                    + DurationConverter.format(samplePeriod));
        }
        String id = source != null ? source : input.toAbsolutePath().normalize().getFileName().toString();
        Map<String, Object> props = kafka.clientProperties();
        KafkaReplay.Target where = destination.target(props, m, ReplaySpeed.parse(speed));
        String target = where.topic();
        PrintStream err = output.json() ? new PrintStream(OutputStream.nullOutputStream()) : System.err;
        WireFormat format = registry.wireFormat();
        ReplayResult result;
        DeadLetterWatch watch = null;
        try (PacketSource recording = ReplayInputs.open(input, id, m, packets.events(), packets.spanMicros(),
                samplePeriod.toNanos() / 1_000, trialLabel, sensor);
             TotalsProgress progress = TotalsProgress.replay(err, System.console() != null)) {
            KafkaReplay.ensureTopic(where);
            watch = deadLetters.start(props, id, target, System.err, "replay");
            err.println("replay: " + recording.description() + " -> " + target + " on " + KafkaOptions.bootstrapOf(props)
                    + " as source '" + id + "', speed " + speed + ", " + format.describe());
            if (!destination.noSensorInfo && recording.sensor().isPresent()) {
                destination.announce(props, id, m, recording.sensor().get(), recording.description(), err, "replay");
            }
            result = KafkaReplay.run(recording, where, format, progress);
        } catch (IOException | RuntimeException e) {
            if (watch != null) {
                watch.close();
            }
            throw e;
        }
        long deadLettered = deadLetters.finish(watch, System.err, "replay", result.packets());
        report(output.out(), result, target, watch, deadLettered);
        return deadLettered > 0 ? DeadLetterOptions.DEAD_LETTERED_EXIT : 0;
    }

    private void report(PrintWriter out, ReplayResult r, String target, DeadLetterWatch watch, long deadLettered) {
        if (output.json()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("topic", target);
            fields.put("packets", r.packets());
            fields.put("events", r.events());
            fields.put("samples", r.samples());
            fields.put("bytes", r.bytes());
            fields.put("seconds", Json.round(r.seconds(), 3));
            fields.put("eventsPerSecond", Math.round(r.eventsPerSecond()));
            fields.put("megabytesPerSecond", Json.round(r.megabytesPerSecond(), 2));
            DeadLetterOptions.json(watch, deadLettered, fields);
            out.println(Json.line(fields));
        } else {
            out.println(String.format(Locale.ROOT, "replayed %,d events in %,d packets (%,d samples, %.1f MB) to %s in "
                    + "%.2f s: %,.0f events/s, %.1f MB/s", r.events(), r.packets(), r.samples(), r.bytes() / 1e6,
                    target, r.seconds(), r.eventsPerSecond(), r.megabytesPerSecond()));
        }
        out.flush();
    }
}

package io.liquidstream.cli;

import io.liquidstream.connectors.replay.KafkaReplay;
import io.liquidstream.connectors.replay.ReplaySpeed;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options every {@code ingest} transport shares: where packets go, how they are cut, how long to run. */
final class IngestOptions {

    @Option(names = "--source", paramLabel = "ID", description = "Source id and record key (default: named after the input).")
    String source;

    @Option(names = "--modality", defaultValue = "vision", paramLabel = "M",
            description = "vision, audio or neural. Default: ${DEFAULT-VALUE}.")
    String modality;

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    TopicTarget destination = new TopicTarget();

    @Mixin
    PacketBounds packets = new PacketBounds();

    @Option(names = "--linger", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Send held events when no event came for this long (default: --packet-span, at least 1ms).")
    Duration linger;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Stop after this long, e.g. 60s (default: run until the input ends or Ctrl-C).")
    Duration duration;

    @Option(names = "--first-seq", paramLabel = "N",
            description = "seq of the first packet (default: the start time in us, so that a restart of the same source"
                    + " continues above its earlier runs, which the service would drop as duplicates).")
    Long firstSeq;

    @Mixin
    JsonOption output = new JsonOption();

    Modality modality() {
        Modality m = Modalities.of(modality);
        if (m == Modality.UNKNOWN) {
            throw new IllegalArgumentException("--modality must be vision, audio or neural, found '" + modality + "'");
        }
        return m;
    }

    String topic() {
        return destination.topic(modality());
    }

    Duration linger() {
        return linger != null ? linger : Duration.ofNanos(Math.max(1_000_000L, packets.spanMicros() * 1000));
    }

    void check() {
        // Each throws, naming its flag, when out of range: checked before a socket is opened.
        packets.events();
        packets.spanMicros();
        destination.check();
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration must be positive, found " + DurationConverter.format(duration));
        }
    }

    Map<String, Object> clientProperties() throws IOException {
        return kafka.clientProperties();
    }

    KafkaReplay.Target target(Map<String, Object> props) {
        return destination.target(props, modality(), ReplaySpeed.MAX);
    }

    /** {@code WxH} (two polarities) or {@code WxHxP}, as in CSV recordings' geometry comments. */
    static final class GeometryConverter implements ITypeConverter<SensorGeometry> {

        private static final Pattern FORM = Pattern.compile("(\\d{1,5})x(\\d{1,5})(?:x(\\d))?");

        @Override
        public SensorGeometry convert(String value) {
            Matcher m = FORM.matcher(value.trim().toLowerCase(java.util.Locale.ROOT));
            if (m.matches()) {
                int w = Integer.parseInt(m.group(1));
                int h = Integer.parseInt(m.group(2));
                int p = m.group(3) == null ? 2 : Integer.parseInt(m.group(3));
                if (w > 0 && h > 0 && p > 0) {
                    return new SensorGeometry(w, h, p);
                }
            }
            throw new TypeConversionException("expected a sensor size like 640x480 (or WxHxP), found '" + value + "'");
        }
    }
}

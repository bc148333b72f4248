package io.liquidstream.connectors.format.aedat;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes polarity events as an AEDAT 2.0 (jAER) recording that {@link Aedat2Reader} and jAER read back.
 *
 * <p>Times are written as their low 32 bits, which readers unwrap; consecutive events may therefore be
 * at most 2<sup>31</sup> µs (about 35 minutes) apart. With the DAVIS layout, a first record whose top
 * byte would read as '#' (and so as a header line) is preceded by an external-input record, which
 * readers skip.
 */
public final class Aedat2Writer implements Closeable {

    private static final long MAX_GAP_US = (1L << 31) - 1;

    private final DataOutputStream out;
    private final Aedat2Layout layout;
    private final SensorGeometry geometry;
    private long lastTime = -1;

    private Aedat2Writer(DataOutputStream out, Aedat2Layout layout, SensorGeometry geometry) {
        this.out = out;
        this.layout = layout;
        this.geometry = geometry;
    }

    /** Creates a recording without a start time. */
    public static Aedat2Writer create(Path file, Aedat2Layout layout, SensorGeometry geometry) throws IOException {
        return create(file, layout, geometry, null);
    }

    /**
     * Creates a recording; {@code start} (null for none) goes into jAER's creation-time header line.
     *
     * @throws IllegalArgumentException if {@code geometry} does not fit the layout's address bits
     */
    public static Aedat2Writer create(Path file, Aedat2Layout layout, SensorGeometry geometry, Instant start)
            throws IOException {
        if (!layout.fits(geometry)) {
            throw new IllegalArgumentException(
                    "sensor " + geometry + " does not fit the " + layout + " address layout");
        }
        StringBuilder header = new StringBuilder(Aedat2Reader.VERSION_LINE).append("\r\n")
                .append("# This is a raw AE data file - do not edit\r\n")
                .append("# Data format is int32 address, int32 timestamp (8 bytes total), repeated for each event\r\n")
                .append("# Timestamps tick is 1 us\r\n");
        AedatSensors.jaerChip(layout, geometry)
                .ifPresent(chip -> header.append("# AEChip: ").append(chip).append("\r\n"));
        if (start != null) {
            header.append("# Creation time: System.currentTimeMillis() ").append(start.toEpochMilli()).append("\r\n");
        }
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
        return new Aedat2Writer(out, layout, geometry);
    }

    /**
     * Appends events after those already written.
     *
     * @throws IllegalArgumentException if an event lies outside the sensor, has a negative time, goes back
     *     in time, or follows the previous one by more than 2<sup>31</sup> µs; nothing of it is written then
     */
    public void write(Events events) throws IOException {
        long previous = lastTime;
        for (int i = 0; i < events.size(); i++) {
            long t = events.t(i);
            if (!geometry.contains(events.x(i), events.y(i), events.p(i))) {
                throw new IllegalArgumentException("event " + i + " (x=" + events.x(i) + ", y=" + events.y(i)
                        + ", p=" + events.p(i) + ") lies outside the sensor " + geometry);
            }
            if (t < 0 || t < previous || (previous >= 0 && t - previous > MAX_GAP_US)) {
                throw new IllegalArgumentException("event " + i + " at " + t + " us cannot follow " + previous
                        + " us: times must be non-negative, non-decreasing and at most 2^31 us apart");
            }
            previous = t;
        }
        for (int i = 0; i < events.size(); i++) {
            int address = layout.encode(events.x(i), events.y(i), events.p(i), geometry.width());
            if (lastTime < 0 && layout == Aedat2Layout.DAVIS && (address >>> 24) == '#') {
                out.writeInt(Aedat2Layout.DAVIS_EXTERNAL_INPUT);
                out.writeInt((int) events.t(i));
            }
            out.writeInt(address);
            out.writeInt((int) events.t(i));
            lastTime = events.t(i);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

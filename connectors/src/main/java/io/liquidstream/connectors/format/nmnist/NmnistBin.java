package io.liquidstream.connectors.format.nmnist;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One N-MNIST sample file ({@code .bin}): a sequence of 40-bit big-endian events on a 34×34 ATIS sensor.
 *
 * <p>Each event is five bytes: {@code x} (8 bits), {@code y} (8 bits), then polarity (1 bit, 1 = ON) and
 * a 23-bit timestamp in microseconds. An event with {@code y == 240} is not a spike but a time-overflow
 * marker: it adds 2<sup>13</sup> µs to the timestamps of all later events (the convention of the data
 * set's own reader, which tonic follows). The writer emits such markers whenever a time no longer fits
 * 23 bits, so any non-negative time survives a round trip.
 *
 * <p>Reading is a single buffered pass straight into primitive columns; no object is made per event.
 */
public final class NmnistBin {

    /** The ATIS sensor crop of N-MNIST: 34×34 pixels, ON and OFF. */
    public static final SensorGeometry GEOMETRY = SensorGeometry.pixels(34, 34);

    static final int EVENT_BYTES = 5;
    static final int OVERFLOW_Y = 240;
    static final long OVERFLOW_STEP_US = 1L << 13;
    static final long MAX_STAMP_US = (1L << 23) - 1;
    private static final int BUFFER_EVENTS = 16_384;

    private NmnistBin() {
    }

    /**
     * Reads a whole sample.
     *
     * @throws EventFormatException if the file is truncated inside an event, an address lies outside
     *     34×34, or time goes backwards; the message gives the byte offset and how many complete events
     *     preceded the damage
     */
    public static Events read(Path file) throws IOException {
        return decode(file, null);
    }

    /**
     * Reads the events before the first damage, handing the damage (if any) to {@code onDamage}
     * instead of throwing; a damaged file thus still yields its intact prefix.
     */
    public static Events readLenient(Path file, Consumer<EventFormatException> onDamage) throws IOException {
        return decode(file, Objects.requireNonNull(onDamage, "onDamage"));
    }

    /**
     * Writes {@code events} as an N-MNIST sample, inserting overflow markers where times exceed 23 bits.
     *
     * @throws IllegalArgumentException if an address lies outside 34×34×2 or a time is negative; nothing
     *     is written then
     */
    public static void write(Path file, Events events) throws IOException {
        for (int i = 0; i < events.size(); i++) {
            requireWritable(events, i);
        }
        byte[] buffer = new byte[BUFFER_EVENTS * EVENT_BYTES];
        int filled = 0;
        long base = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < events.size(); i++) {
                long t = events.t(i);
                while (t - base > MAX_STAMP_US) {
                    if (filled == buffer.length) {
                        out.write(buffer, 0, filled);
                        filled = 0;
                    }
                    encode(buffer, filled, 0, OVERFLOW_Y, 0, 0);
                    filled += EVENT_BYTES;
                    base += OVERFLOW_STEP_US;
                }
                if (filled == buffer.length) {
                    out.write(buffer, 0, filled);
                    filled = 0;
                }
                encode(buffer, filled, events.x(i), events.y(i), events.p(i), t - base);
                filled += EVENT_BYTES;
            }
            out.write(buffer, 0, filled);
        }
    }

    private static void requireWritable(Events events, int i) {
        if (!GEOMETRY.contains(events.x(i), events.y(i), events.p(i))) {
            throw new IllegalArgumentException("event " + i + " address (x=" + events.x(i) + ", y=" + events.y(i)
                    + ", p=" + events.p(i) + ") does not fit the N-MNIST sensor " + GEOMETRY);
        }
        if (events.t(i) < 0) {
            throw new IllegalArgumentException("event " + i + " time " + events.t(i) + " us is negative");
        }
    }

    private static void encode(byte[] buffer, int at, int x, int y, int p, long stamp) {
        buffer[at] = (byte) x;
        buffer[at + 1] = (byte) y;
        buffer[at + 2] = (byte) ((p << 7) | (int) (stamp >>> 16));
        buffer[at + 3] = (byte) (stamp >>> 8);
        buffer[at + 4] = (byte) stamp;
    }

    /** Decodes the file; with {@code onDamage == null} damage is thrown, otherwise reported and reading stops. */
    private static Events decode(Path file, Consumer<EventFormatException> onDamage) throws IOException {
        long size = Files.size(file);
        long sizeInEvents = (size + EVENT_BYTES - 1) / EVENT_BYTES;
        Events.Builder events = Events.builder(GEOMETRY, (int) Math.min(sizeInEvents, 1 << 24));
        // whole events per buffer, so only the last read can end inside an event
        byte[] buffer = new byte[(int) Math.max(1, Math.min(sizeInEvents, BUFFER_EVENTS)) * EVENT_BYTES];
        long bufferStart = 0;
        long base = 0;
        long last = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int filled;
            while ((filled = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                int whole = filled - filled % EVENT_BYTES;
                for (int i = 0; i < whole; i += EVENT_BYTES) {
                    int x = buffer[i] & 0xff;
                    int y = buffer[i + 1] & 0xff;
                    if (y == OVERFLOW_Y) {
                        base += OVERFLOW_STEP_US;
                        continue;
                    }
                    int flags = buffer[i + 2] & 0xff;
                    long t = base + (((flags & 0x7f) << 16) | ((buffer[i + 3] & 0xff) << 8) | (buffer[i + 4] & 0xff));
                    String damage = null;
                    if (x >= GEOMETRY.width() || y >= GEOMETRY.height()) {
                        damage = "address (x=" + x + ", y=" + y + ") outside the 34x34 sensor; expected x and y in"
                                + " 0..33, or y=240 for a time-overflow event";
                    } else if (t < last) {
                        damage = "time goes backwards to " + t + " us after " + last + " us; expected"
                                + " non-decreasing times";
                    }
                    if (damage != null) {
                        EventFormatException e = EventFormatException.atOffset(file, bufferStart + i,
                                damage + " (" + events.size() + " complete events precede it)");
                        return stop(events, e, onDamage);
                    }
                    last = t;
                    events.add(t, x, y, flags >>> 7);
                }
                if (whole < filled) {
                    EventFormatException e = EventFormatException.atOffset(file, bufferStart + whole, "file ends "
                            + (filled - whole) + " bytes into an event after " + events.size() + " complete events;"
                            + " expected a length that is a multiple of 5 bytes, found " + size);
                    return stop(events, e, onDamage);
                }
                bufferStart += filled;
            }
        }
        return events.build();
    }

    private static Events stop(Events.Builder events, EventFormatException damage,
            Consumer<EventFormatException> onDamage) throws EventFormatException {
        if (onDamage == null) {
            throw damage;
        }
        onDamage.accept(damage);
        return events.build();
    }
}

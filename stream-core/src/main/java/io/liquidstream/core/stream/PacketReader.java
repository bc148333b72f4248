package io.liquidstream.core.stream;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Validates decoded {@link EventPacket}s against the served modalities and turns them into
 * {@link Packet}s: known modality, a source whose announced sensor (if any, {@link SensorAnnouncements})
 * is the modality's, consistent columns, non-negative non-decreasing time offsets, event times
 * {@code t0Micros + dt} within {@code [0, MAX_TIME_MICROS]}, addresses inside the modality's sensor,
 * and at most {@code maxEvents} events.
 */
public final class PacketReader {

    /**
     * Latest event time accepted, 2^62 us (about 146 000 years): far beyond any source clock, yet
     * leaving the window and bin arithmetic downstream (an event time plus a window or a bin) room
     * that cannot overflow.
     */
    public static final long MAX_TIME_MICROS = 1L << 62;

    private final Map<String, SensorGeometry> sensors;
    private final int maxEvents;
    private final SensorAnnouncements announced;

    /**
     * A reader that checks addresses only, with no sensor announcements.
     *
     * @param sensors the sensor geometry of each served modality, by name
     * @param maxEvents most events one packet may carry
     */
    public PacketReader(Map<String, SensorGeometry> sensors, int maxEvents) {
        this(sensors, maxEvents, new SensorAnnouncements());
    }

    /**
     * @param sensors the sensor geometry of each served modality, by name
     * @param maxEvents most events one packet may carry
     * @param announced the sensors sources announced; a source announced with another sensor than its
     *     modality's is refused as {@link RejectReason#SENSOR_MISMATCH}
     */
    public PacketReader(Map<String, SensorGeometry> sensors, int maxEvents, SensorAnnouncements announced) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1, found " + maxEvents);
        }
        this.sensors = Map.copyOf(sensors);
        this.maxEvents = maxEvents;
        this.announced = Objects.requireNonNull(announced, "announced");
    }

    /**
     * @param where names the input's position (e.g. topic, partition and offset) for error messages
     * @throws InvalidPacketException with the reason to reject the packet under
     */
    public <A> Packet<A> read(EventPacket packet, long receivedMicros, A ack, String where) {
        Objects.requireNonNull(packet, "packet");
        String modality = Modalities.name(packet.getModality());
        SensorGeometry sensor = sensors.get(modality);
        if (sensor == null) {
            throw new InvalidPacketException(RejectReason.UNKNOWN_MODALITY, "expected a modality of " + sensors.keySet()
                    + ", found '" + modality + "' from source '" + packet.getSource() + "' at " + where);
        }
        String source = packet.getSource().toString();
        Optional<SensorGeometry> announcedSensor = announced.of(modality, source);
        if (announcedSensor.isPresent() && !announcedSensor.get().equals(sensor)) {
            throw new InvalidPacketException(RejectReason.SENSOR_MISMATCH, "expected sources of the model's "
                    + modality + " input, " + sensor + ", found source '" + source + "' announced as "
                    + announcedSensor.get() + " (SensorInfo) at " + where + "; " + retrainHint(modality,
                    announcedSensor.get()));
        }
        int[] dt = EventPackets.toIntArray(packet.getDt());
        int n = dt.length;
        if (n > maxEvents) {
            throw new InvalidPacketException(RejectReason.OVERSIZED, "expected at most " + maxEvents
                    + " events per packet, found " + n + " at " + where);
        }
        int[] x = EventPackets.toIntArray(packet.getX());
        int[] y = column(EventPackets.toIntArray(packet.getY()), n, "y", where);
        int[] p = column(EventPackets.toIntArray(packet.getP()), n, "p", where);
        if (x.length != n) {
            throw malformed("x must have one entry per event (" + n + ") but has " + x.length, where);
        }
        long t0 = packet.getT0Micros();
        if (t0 < 0 || t0 > MAX_TIME_MICROS) {
            throw badTime("t0Micros within [0, " + MAX_TIME_MICROS + "]", "t0Micros = " + t0, packet, where);
        }
        long[] t = new long[n];
        byte[] pol = new byte[n];
        for (int i = 0; i < n; i++) {
            if (dt[i] < 0 || i > 0 && dt[i] < dt[i - 1]) {
                throw malformed("dt must be non-negative and non-decreasing but dt[" + i + "] = " + dt[i]
                        + (i > 0 ? " follows " + dt[i - 1] : ""), where);
            }
            if (!sensor.contains(x[i], y[i], p[i])) {
                throw new InvalidPacketException(RejectReason.ADDRESS_OUT_OF_RANGE, "event " + i + " address (x="
                        + x[i] + ", y=" + y[i] + ", p=" + p[i] + ") outside the model's " + modality + " input, "
                        + sensor + ", from source '" + source + "' at " + where
                        + "; a sensor of another size needs a model trained for it (train --input " + modality
                        + "=sensor(W,H,P)|...)");
            }
            // cannot overflow: t0 is at most 2^62 and dt at most 2^31 - 1
            t[i] = t0 + dt[i];
            if (t[i] > MAX_TIME_MICROS) {
                throw badTime("event times t0Micros + dt up to " + MAX_TIME_MICROS, "t0Micros = " + t0 + " plus dt["
                        + i + "] = " + dt[i] + " giving " + t[i], packet, where);
            }
            pol[i] = (byte) p[i];
        }
        Long watermark = packet.getWatermarkMicros();
        if (watermark != null && (watermark < 0 || watermark > MAX_TIME_MICROS)) {
            throw badTime("watermarkMicros within [0, " + MAX_TIME_MICROS + "]", "watermarkMicros = " + watermark,
                    packet, where);
        }
        return new Packet<>(packet.getSource(), modality, packet.getSeq(), Events.of(sensor, t, x, y, pol),
                packet.getSampleId(), packet.getLabel(), packet.getEndOfSample(),
                watermark == null ? Packet.NO_WATERMARK : watermark, receivedMicros, ack);
    }

    private static String retrainHint(String modality, SensorGeometry sensor) {
        return "serve a model trained for that sensor (train --input " + modality + "=" + sensor + "|...)";
    }

    private static int[] column(int[] values, int events, String name, String where) {
        if (values.length == 0) {
            return new int[events];
        }
        if (values.length != events) {
            throw malformed(name + " must have one entry per event (" + events + ") or none but has " + values.length,
                    where);
        }
        return values;
    }

    private static InvalidPacketException badTime(String expected, String found, EventPacket packet, String where) {
        return new InvalidPacketException(RejectReason.BAD_TIME, "expected " + expected + ", found " + found
                + " in packet seq " + packet.getSeq() + " of source '" + packet.getSource() + "' at " + where);
    }

    private static InvalidPacketException malformed(String message, String where) {
        return new InvalidPacketException(RejectReason.MALFORMED, message + " at " + where);
    }
}

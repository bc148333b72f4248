package io.liquidstream.schemas;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;

/**
 * Builds {@link EventPacket}s from primitive columns and reads their columns back without boxing.
 * Column i of {@code dt}, {@code x} and, where present, {@code y} and {@code p} describe event i.
 */
public final class EventPackets {

    private static final Schema INT_ARRAY = Schema.createArray(Schema.create(Schema.Type.INT));

    private EventPackets() {
    }

    /**
     * @param dt time offsets in µs relative to {@code t0Micros}, non-negative and non-decreasing
     * @param x  pixel column, audio channel or electrode per event
     * @param y  pixel row per event, or empty for one-dimensional sources
     * @param p  polarity per event, or empty when the source has none
     * @return a packet with no sample id, no label and {@code endOfSample} false; set them on the result
     * @throws IllegalArgumentException if the columns disagree in length or {@code dt} is not ordered
     */
    public static EventPacket fromColumns(String source, Modality modality, long seq, long t0Micros,
                                          int[] dt, int[] x, int[] y, int[] p) {
        int n = dt.length;
        requireLength("x", x.length, n, false);
        requireLength("y", y.length, n, true);
        requireLength("p", p.length, n, true);
        for (int i = 0; i < n; i++) {
            if (dt[i] < 0 || i > 0 && dt[i] < dt[i - 1]) {
                throw new IllegalArgumentException("dt must be non-negative and non-decreasing but dt[" + i + "] = "
                        + dt[i] + (i > 0 ? " follows dt[" + (i - 1) + "] = " + dt[i - 1] : ""));
            }
        }
        return EventPacket.newBuilder()
                .setSource(source)
                .setModality(modality)
                .setSeq(seq)
                .setT0Micros(t0Micros)
                .setDt(column(dt))
                .setX(column(x))
                .setY(column(y))
                .setP(column(p))
                .build();
    }

    /** @return the number of events in the packet */
    public static int size(EventPacket packet) {
        return packet.getDt().size();
    }

    /** @return a primitive copy of an int column of a packet, without boxing when Avro stored it unboxed */
    public static int[] toIntArray(List<Integer> column) {
        int[] values = new int[column.size()];
        if (column instanceof PrimitivesArrays.IntArray ints) {
            for (int i = 0; i < values.length; i++) {
                values[i] = ints.getInt(i);
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = column.get(i);
            }
        }
        return values;
    }

    private static List<Integer> column(int[] values) {
        PrimitivesArrays.IntArray column = new PrimitivesArrays.IntArray(values.length, INT_ARRAY);
        for (int value : values) {
            column.add(column.size(), value);
        }
        return column;
    }

    private static void requireLength(String name, int length, int events, boolean mayBeEmpty) {
        if (length != events && !(mayBeEmpty && length == 0)) {
            throw new IllegalArgumentException(name + " must have one entry per event (" + events + ")"
                    + (mayBeEmpty ? " or none" : "") + " but has " + length);
        }
    }
}

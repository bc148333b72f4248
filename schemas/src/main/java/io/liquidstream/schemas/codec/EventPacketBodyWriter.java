package io.liquidstream.schemas.codec;

import io.liquidstream.schemas.EventPacket;
import java.io.IOException;
import java.util.List;
import org.apache.avro.generic.PrimitivesArrays;
import org.apache.avro.io.BinaryEncoder;

/**
 * Writes an {@link EventPacket} body with the current schema straight to Avro's
 * {@link BinaryEncoder}, the int columns without unboxing an Integer per event through the generic
 * writer: the counterpart of {@link EventPacketBodyReader}, used under the same condition
 * ({@link EventPacketBodyReader#fits}). The bytes are those Avro's own writer produces.
 */
final class EventPacketBodyWriter {

    void write(EventPacket packet, BinaryEncoder out) throws IOException {
        out.writeString(packet.getSource());
        out.writeEnum(packet.getModality().ordinal());
        out.writeLong(packet.getSeq());
        out.writeLong(packet.getT0Micros());
        column(packet.getDt(), out);
        column(packet.getX(), out);
        column(packet.getY(), out);
        column(packet.getP(), out);
        if (packet.getSampleId() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeString(packet.getSampleId());
        }
        if (packet.getLabel() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeInt(packet.getLabel());
        }
        out.writeBoolean(packet.getEndOfSample());
        if (packet.getWatermarkMicros() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeLong(packet.getWatermarkMicros());
        }
    }

    private static void column(List<Integer> values, BinaryEncoder out) throws IOException {
        int n = values.size();
        out.writeArrayStart();
        out.setItemCount(n);
        if (values instanceof PrimitivesArrays.IntArray ints) {
            for (int i = 0; i < n; i++) {
                out.startItem();
                out.writeInt(ints.getInt(i));
            }
        } else {
            for (int i = 0; i < n; i++) {
                out.startItem();
                out.writeInt(values.get(i));
            }
        }
        out.writeArrayEnd();
    }
}

package io.liquidstream.schemas.codec;

import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;
import org.apache.avro.io.BinaryDecoder;

/**
 * Reads an {@link EventPacket} body written with the current schema straight from Avro's
 * {@link BinaryDecoder}, the int columns into {@link PrimitivesArrays.IntArray}s without boxing an
 * Integer per event. The generic reader boxes every element of every column, which made decoding the
 * largest cost of the service's poll thread (four columns of ~1,000 events per packet).
 *
 * <p>Used only when the writer schema is the current one and its fields are exactly those listed in
 * {@link #fits(Schema)}, in that order; any other schema (an older writer, or a future field) takes
 * the generic resolving reader, so the result is always what Avro itself would decode.
 * Lengths were bounded by {@code BinaryShape} before this runs.
 */
final class EventPacketBodyReader {

    private static final List<String> FIELDS = List.of("source:STRING", "modality:ENUM", "seq:LONG", "t0Micros:LONG",
            "dt:ARRAY", "x:ARRAY", "y:ARRAY", "p:ARRAY", "sampleId:UNION", "label:UNION", "endOfSample:BOOLEAN",
            "watermarkMicros:UNION");
    private static final Modality[] MODALITIES = Modality.values();

    private final Schema columnSchema;

    EventPacketBodyReader(Schema schema) {
        this.columnSchema = schema.getField("dt").schema();
    }

    /** Whether {@code schema} is the EventPacket layout this reader knows, field by field. */
    static boolean fits(Schema schema) {
        if (!schema.getFullName().equals(EventPacket.SCHEMA$.getFullName()) || schema.getFields().size() != FIELDS.size()) {
            return false;
        }
        for (int i = 0; i < FIELDS.size(); i++) {
            Schema.Field f = schema.getFields().get(i);
            if (!FIELDS.get(i).equals(f.name() + ":" + f.schema().getType())) {
                return false;
            }
        }
        for (String column : List.of("dt", "x", "y", "p")) {
            if (schema.getField(column).schema().getElementType().getType() != Schema.Type.INT) {
                return false;
            }
        }
        return nullable(schema, "sampleId", Schema.Type.STRING) && nullable(schema, "label", Schema.Type.INT)
                && nullable(schema, "watermarkMicros", Schema.Type.LONG)
                && schema.getField("modality").schema().getEnumSymbols().equals(
                        EventPacket.SCHEMA$.getField("modality").schema().getEnumSymbols());
    }

    EventPacket read(BinaryDecoder in) throws IOException {
        EventPacket packet = new EventPacket();
        packet.setSource(in.readString());
        int modality = in.readEnum();
        if (modality < 0 || modality >= MODALITIES.length) {
            throw new AvroRuntimeException("modality index " + modality + " is not one of the " + MODALITIES.length
                    + " symbols");
        }
        packet.setModality(MODALITIES[modality]);
        packet.setSeq(in.readLong());
        packet.setT0Micros(in.readLong());
        packet.setDt(column(in));
        packet.setX(column(in));
        packet.setY(column(in));
        packet.setP(column(in));
        packet.setSampleId(branch(in, "sampleId") ? in.readString() : null);
        packet.setLabel(branch(in, "label") ? in.readInt() : null);
        packet.setEndOfSample(in.readBoolean());
        packet.setWatermarkMicros(branch(in, "watermarkMicros") ? in.readLong() : null);
        return packet;
    }

    private PrimitivesArrays.IntArray column(BinaryDecoder in) throws IOException {
        long block = in.readArrayStart();
        PrimitivesArrays.IntArray values = new PrimitivesArrays.IntArray((int) Math.min(block, 1 << 16), columnSchema);
        while (block > 0) {
            for (long i = 0; i < block; i++) {
                values.add(values.size(), in.readInt());
            }
            block = in.arrayNext();
        }
        return values;
    }

    /** Reads a {@code ["null", T]} union's branch: true when a value follows. */
    private static boolean branch(BinaryDecoder in, String field) throws IOException {
        int index = in.readIndex();
        if (index != 0 && index != 1) {
            throw new AvroRuntimeException(field + " union branch " + index + " is not 0 (null) or 1 (value)");
        }
        return index == 1;
    }

    private static boolean nullable(Schema schema, String field, Schema.Type type) {
        List<Schema> branches = schema.getField(field).schema().getTypes();
        return branches.size() == 2 && branches.get(0).getType() == Schema.Type.NULL && branches.get(1).getType() == type;
    }
}

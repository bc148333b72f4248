package io.liquidstream.schemas;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;

/** The message types of LiquidStream's topics and their schemas, in one place. */
public final class Schemas {

    private static final List<Class<? extends SpecificRecord>> MESSAGE_TYPES = List.of(
            EventPacket.class, SensorInfo.class, Embedding.class, Association.class, ClassAnchor.class, Decoded.class);

    private static final List<Schema> MESSAGE_SCHEMAS = List.of(
            EventPacket.getClassSchema(), SensorInfo.getClassSchema(), Embedding.getClassSchema(),
            Association.getClassSchema(), ClassAnchor.getClassSchema(), Decoded.getClassSchema());

    private Schemas() {
    }

    /** @return the generated classes of the top-level messages (records nested in them are not listed) */
    public static List<Class<? extends SpecificRecord>> messageTypes() {
        return MESSAGE_TYPES;
    }

    /** @return the current schemas of the top-level messages, in the order of {@link #messageTypes()} */
    public static List<Schema> messageSchemas() {
        return MESSAGE_SCHEMAS;
    }

    /** @return the CRC-64-AVRO fingerprint of the schema's parsing canonical form, as used in single-object headers */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}

package io.liquidstream.schemas.codec;

import io.liquidstream.schemas.codec.RecordDecodingException.Reason;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads one record type written in either encoding the project knows, told apart by the first byte:
 * {@code C3} is Avro's single-object encoding ({@link AvroSingleObjectCodec}), {@code 00} the Confluent
 * schema-registry wire format ({@link ConfluentWireCodec}), whose writer schemas come from the registry.
 * A reader can therefore switch producers from one encoding to the other without a flag day. Without a
 * registry, Confluent-framed bytes are refused as {@link Reason#UNKNOWN_SCHEMA}. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AnyEncodingDecoder<T extends SpecificRecord> {

    private static final byte SINGLE_OBJECT = (byte) 0xC3;
    private static final byte CONFLUENT = 0;

    private final AvroSingleObjectCodec<T> singleObject;
    private final ConfluentWireCodec<T> confluent;
    private final String name;

    private AnyEncodingDecoder(AvroSingleObjectCodec<T> singleObject, ConfluentWireCodec<T> confluent) {
        this.singleObject = singleObject;
        this.confluent = confluent;
        this.name = singleObject.schema().getName();
    }

    /**
     * Reads single-object encoding only, written with the current schema or a released older one
     * ({@link SchemaHistory}); Confluent-framed bytes are refused, naming the missing registry.
     */
    public static <T extends SpecificRecord> AnyEncodingDecoder<T> singleObjectOnly(Class<T> type) {
        return new AnyEncodingDecoder<>(AvroSingleObjectCodec.of(type, SchemaHistory.of(type)), null);
    }

    /** Reads both encodings, looking Confluent schema ids up in {@code registry}. */
    public static <T extends SpecificRecord> AnyEncodingDecoder<T> withRegistry(Class<T> type, SchemaIdLookup registry) {
        return new AnyEncodingDecoder<>(AvroSingleObjectCodec.of(type, SchemaHistory.of(type)),
                new ConfluentWireCodec<>(type, registry));
    }

    /**
     * @throws RecordDecodingException if the bytes are not one valid message in either encoding
     * @throws RuntimeException         what the registry lookup throws when the registry cannot be asked
     */
    public T decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new RecordDecodingException(Reason.TRUNCATED, name + " message is empty");
        }
        if (bytes[0] == SINGLE_OBJECT) {
            return singleObject.decode(bytes);
        }
        if (bytes[0] == CONFLUENT) {
            if (confluent == null) {
                throw new RecordDecodingException(Reason.UNKNOWN_SCHEMA, name + " message is in the Confluent wire "
                        + "format (first byte 00, then a schema id), but no schema registry is configured to look "
                        + "its schema up");
            }
            return confluent.decode(bytes);
        }
        throw new RecordDecodingException(Reason.BAD_MAGIC, name + " message must start with C3 (Avro single-object "
                + "encoding) or 00 (Confluent wire format) but starts with " + String.format("%02X", bytes[0]));
    }
}

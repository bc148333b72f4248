package io.liquidstream.schemas.codec;

import io.liquidstream.schemas.codec.RecordDecodingException.Reason;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one record type in the Confluent schema-registry wire format: magic byte
 * {@code 0}, the writer schema's 4-byte big-endian registry id, then the Avro binary body.
 *
 * <p>Ids are resolved through a {@link SchemaIdLookup} and cached. Bodies written with any schema the
 * lookup knows are resolved to the current schema. Every failure caused by the bytes is a
 * {@link RecordDecodingException}; failures of the lookup itself propagate unchanged. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class ConfluentWireCodec<T extends SpecificRecord> {

    private static final byte MAGIC = 0;
    private static final int HEADER_BYTES = 5;

    static {
        AvroTrust.ensure();
        AvroLimits.ensure();
    }

    private final Schema schema;
    private final SpecificData model;
    private final SchemaIdLookup lookup;
    private final int maxMessageBytes;
    private final RecordBodyEncoder<T> encoder;
    private final Map<Integer, RecordBodyDecoder<T>> decoders = new ConcurrentHashMap<>();
    private volatile byte[] header;

    /**
     * @param type            the generated record class
     * @param lookup          the schema registry
     * @param maxMessageBytes longest message accepted by {@link #decode}
     */
    public ConfluentWireCodec(Class<T> type, SchemaIdLookup lookup, int maxMessageBytes) {
        if (maxMessageBytes < HEADER_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be at least " + HEADER_BYTES
                    + " but is " + maxMessageBytes);
        }
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.maxMessageBytes = maxMessageBytes;
        this.encoder = new RecordBodyEncoder<>(schema, model);
    }

    /** A codec with the default message size limit of {@link AvroSingleObjectCodec#DEFAULT_MAX_MESSAGE_BYTES}. */
    public ConfluentWireCodec(Class<T> type, SchemaIdLookup lookup) {
        this(type, lookup, AvroSingleObjectCodec.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** @return the current (reader and writer) schema */
    public Schema schema() {
        return schema;
    }

    /**
     * Encodes with the current schema's id, asking the lookup for it on first use.
     *
     * @throws IllegalArgumentException if the record does not fit the schema (e.g. a required field is null)
     */
    public byte[] encode(T record) {
        byte[] h = header;
        if (h == null) {
            int id = lookup.idOf(schema);
            h = new byte[] {MAGIC, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
            header = h;
        }
        return encoder.encode(h, record);
    }

    /** @throws RecordDecodingException if the bytes are not one valid message */
    public T decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** @throws RecordDecodingException if {@code bytes[offset, offset + length)} is not one valid message */
    public T decode(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        String name = schema.getName();
        if (length > maxMessageBytes) {
            throw new RecordDecodingException(Reason.TOO_LARGE, name + " message of " + length
                    + " bytes exceeds the limit of " + maxMessageBytes);
        }
        if (length >= 1 && bytes[offset] != MAGIC) {
            throw new RecordDecodingException(Reason.BAD_MAGIC, name + " message must start with magic byte 00"
                    + " but starts with " + String.format("%02X", bytes[offset]));
        }
        if (length < HEADER_BYTES) {
            throw new RecordDecodingException(Reason.TRUNCATED, name + " message of " + length
                    + " bytes is shorter than the " + HEADER_BYTES + "-byte wire-format header");
        }
        int id = (bytes[offset + 1] & 0xFF) << 24 | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 8 | (bytes[offset + 4] & 0xFF);
        return decoderFor(id).decode(bytes, offset + HEADER_BYTES, length - HEADER_BYTES, describe(id));
    }

    private RecordBodyDecoder<T> decoderFor(int id) {
        RecordBodyDecoder<T> known = decoders.get(id);
        if (known != null) {
            return known;
        }
        Schema writer = lookup.schemaById(id).orElseThrow(() -> new RecordDecodingException(
                Reason.UNKNOWN_SCHEMA, schema.getName() + " message names schema id " + id
                + ", which the registry does not know"));
        // Only ids the registry knows are cached, so forged ids cannot grow the map.
        return decoders.computeIfAbsent(id,
                i -> RecordBodyDecoder.prepare(writer, schema, model, maxMessageBytes, describe(i)));
    }

    private String describe(int id) {
        return schema.getName() + " (schema id " + id + ")";
    }
}

package io.liquidstream.schemas.codec;

import io.liquidstream.schemas.codec.RecordDecodingException.Reason;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one record type in Avro's single-object encoding: {@code C3 01}, the writer
 * schema's 8-byte little-endian CRC-64-AVRO fingerprint, then the Avro binary body.
 *
 * <p>Decoding accepts bodies written with the current schema and with any older writer schema found
 * in the {@link SchemaStore} given at construction, resolving them to the current one (fields added
 * since get their defaults). Every failure caused by the bytes is a {@link RecordDecodingException};
 * forged lengths are rejected before anything is allocated for them. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AvroSingleObjectCodec<T extends SpecificRecord> {

    /** Default upper bound on the size of one encoded message: 16 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final byte MAGIC_0 = (byte) 0xC3;
    private static final byte MAGIC_1 = (byte) 0x01;
    private static final int HEADER_BYTES = 10;

    static {
        AvroTrust.ensure();
        AvroLimits.ensure();
    }

    private final Schema schema;
    private final SpecificData model;
    private final SchemaStore olderWriters;
    private final int maxMessageBytes;
    private final byte[] header;
    private final RecordBodyEncoder<T> encoder;
    private final Map<Long, RecordBodyDecoder<T>> decoders = new ConcurrentHashMap<>();

    /**
     * @param type            the generated record class
     * @param olderWriters    where to find writer schemas other than the current one, by fingerprint
     * @param maxMessageBytes longest message accepted by {@link #decode}
     */
    public AvroSingleObjectCodec(Class<T> type, SchemaStore olderWriters, int maxMessageBytes) {
        if (maxMessageBytes < HEADER_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be at least " + HEADER_BYTES
                    + " but is " + maxMessageBytes);
        }
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.olderWriters = Objects.requireNonNull(olderWriters, "olderWriters");
        this.maxMessageBytes = maxMessageBytes;
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.header = new byte[HEADER_BYTES];
        header[0] = MAGIC_0;
        header[1] = MAGIC_1;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        this.encoder = new RecordBodyEncoder<>(schema, model);
        decoders.put(fingerprint, RecordBodyDecoder.prepare(schema, schema, model, maxMessageBytes, describe(fingerprint)));
    }

    /** A codec that reads only what the current schema of {@code type} wrote. */
    public static <T extends SpecificRecord> AvroSingleObjectCodec<T> of(Class<T> type) {
        return new AvroSingleObjectCodec<>(type, fingerprint -> null, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** A codec that also reads bodies written with the given older schemas of {@code type}. */
    public static <T extends SpecificRecord> AvroSingleObjectCodec<T> of(Class<T> type, Schema... olderWriters) {
        SchemaStore.Cache store = new SchemaStore.Cache();
        for (Schema older : olderWriters) {
            store.addSchema(older);
        }
        return new AvroSingleObjectCodec<>(type, store, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** @return the current (reader and writer) schema */
    public Schema schema() {
        return schema;
    }

    /**
     * @throws IllegalArgumentException if the record does not fit the schema (e.g. a required field is null)
     */
    public byte[] encode(T record) {
        return encoder.encode(header, record);
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
        if (length >= 1 && bytes[offset] != MAGIC_0 || length >= 2 && bytes[offset + 1] != MAGIC_1) {
            throw new RecordDecodingException(Reason.BAD_MAGIC, name + " message must start with C3 01 but starts with "
                    + hex(bytes, offset, Math.min(length, 2)));
        }
        if (length < HEADER_BYTES) {
            throw new RecordDecodingException(Reason.TRUNCATED, name + " message of " + length
                    + " bytes is shorter than the " + HEADER_BYTES + "-byte single-object header");
        }
        long fingerprint = 0;
        for (int i = 0; i < 8; i++) {
            fingerprint |= (bytes[offset + 2 + i] & 0xFFL) << (8 * i);
        }
        return decoderFor(fingerprint).decode(bytes, offset + HEADER_BYTES, length - HEADER_BYTES, describe(fingerprint));
    }

    private RecordBodyDecoder<T> decoderFor(long fingerprint) {
        RecordBodyDecoder<T> known = decoders.get(fingerprint);
        if (known != null) {
            return known;
        }
        Schema writer = olderWriters.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new RecordDecodingException(Reason.UNKNOWN_SCHEMA, schema.getName()
                    + " message names writer fingerprint " + Long.toHexString(fingerprint)
                    + ", which is neither the current schema's nor a registered older one");
        }
        // Only fingerprints with a registered schema are cached, so forged ones cannot grow the map.
        return decoders.computeIfAbsent(fingerprint,
                f -> RecordBodyDecoder.prepare(writer, schema, model, maxMessageBytes, describe(f)));
    }

    private String describe(long fingerprint) {
        return schema.getName() + " (writer fingerprint " + Long.toHexString(fingerprint) + ")";
    }

    private static String hex(byte[] bytes, int offset, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(String.format("%02X ", bytes[offset + i]));
        }
        return text.length() == 0 ? "nothing" : text.toString().trim();
    }
}

package io.liquidstream.schemas.codec;

import io.liquidstream.schemas.Schemas;
import io.liquidstream.schemas.codec.RecordDecodingException.Reason;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes a message of any of LiquidStream's top-level types ({@link Schemas#messageTypes()}) without
 * being told its type, for readers such as {@code liquidstream tail} that see whatever a topic holds.
 *
 * <p>A single-object encoded message ({@code C3 01}) names its writer schema by fingerprint, so the
 * type follows from the bytes. A Confluent wire-format message ({@code 00}) names it by a registry id,
 * which only the registry that assigned it can resolve: decoding one needs a {@link SchemaIdLookup};
 * without one the failure says so. Thread-safe.
 */
public final class AnyMessageDecoder {

    /** How a message was framed. */
    public enum Encoding {
        /** Avro single-object encoding: {@code C3 01}, 8-byte fingerprint, body. */
        SINGLE_OBJECT,
        /** Confluent schema-registry wire format: {@code 00}, 4-byte schema id, body. */
        CONFLUENT_WIRE
    }

    /** A decoded message and how it was framed. */
    public record Decoded(SpecificRecord record, Encoding encoding) {
    }

    private final Map<Long, AvroSingleObjectCodec<?>> byFingerprint = new HashMap<>();
    private final Map<String, ConfluentWireCodec<?>> byName = new HashMap<>();
    private final SchemaIdLookup registry;

    /** A decoder of single-object encoded messages only. */
    public AnyMessageDecoder() {
        this(null);
    }

    /** @param registry resolves the schema ids of Confluent wire-format messages; null when there is none */
    public AnyMessageDecoder(SchemaIdLookup registry) {
        this.registry = registry;
        for (Class<? extends SpecificRecord> type : Schemas.messageTypes()) {
            AvroSingleObjectCodec<?> codec = AvroSingleObjectCodec.of(type);
            byFingerprint.put(Schemas.fingerprint(codec.schema()), codec);
            if (registry != null) {
                byName.put(codec.schema().getFullName(), new ConfluentWireCodec<>(type, registry));
            }
        }
    }

    /** @throws RecordDecodingException if the bytes are not one message of a known type in either framing */
    public Decoded decode(byte[] bytes) {
        if (bytes.length >= 2 && bytes[0] == (byte) 0xC3 && bytes[1] == 0x01) {
            return new Decoded(singleObjectCodec(bytes).decode(bytes), Encoding.SINGLE_OBJECT);
        }
        if (bytes.length >= 1 && bytes[0] == 0) {
            return new Decoded(confluentCodec(bytes).decode(bytes), Encoding.CONFLUENT_WIRE);
        }
        throw new RecordDecodingException(Reason.BAD_MAGIC, "message of " + bytes.length + " bytes starts with "
                + hex(bytes, 2) + "; expected C3 01 (Avro single-object encoding) or 00 (Confluent wire format)");
    }

    private AvroSingleObjectCodec<?> singleObjectCodec(byte[] bytes) {
        if (bytes.length < 10) {
            throw new RecordDecodingException(Reason.TRUNCATED, "single-object message of " + bytes.length
                    + " bytes is shorter than its 10-byte header");
        }
        long fingerprint = 0;
        for (int i = 0; i < 8; i++) {
            fingerprint |= (bytes[2 + i] & 0xFFL) << (8 * i);
        }
        AvroSingleObjectCodec<?> codec = byFingerprint.get(fingerprint);
        if (codec == null) {
            throw new RecordDecodingException(Reason.UNKNOWN_SCHEMA, "single-object message names writer fingerprint "
                    + Long.toHexString(fingerprint) + ", which is none of this version's schemas ("
                    + byFingerprint.entrySet().stream().map(e -> e.getValue().schema().getName() + " "
                            + Long.toHexString(e.getKey())).sorted().collect(Collectors.joining(", "))
                    + "): written by another producer, or by another LiquidStream version");
        }
        return codec;
    }

    private ConfluentWireCodec<?> confluentCodec(byte[] bytes) {
        if (bytes.length < 5) {
            throw new RecordDecodingException(Reason.TRUNCATED, "Confluent wire-format message of " + bytes.length
                    + " bytes is shorter than its 5-byte header");
        }
        int id = (bytes[1] & 0xFF) << 24 | (bytes[2] & 0xFF) << 16 | (bytes[3] & 0xFF) << 8 | (bytes[4] & 0xFF);
        if (registry == null) {
            throw new RecordDecodingException(Reason.UNKNOWN_SCHEMA, "Confluent wire-format message (magic 00) "
                    + "names schema id " + id + "; its schema is known only to the schema registry that assigned "
                    + "the id, and no registry was given (single-object messages, C3 01, need none)");
        }
        Schema writer = registry.schemaById(id).orElseThrow(() -> new RecordDecodingException(Reason.UNKNOWN_SCHEMA,
                "Confluent wire-format message names schema id " + id + ", which the registry does not know"));
        ConfluentWireCodec<?> codec = byName.get(writer.getFullName());
        if (codec == null) {
            throw new RecordDecodingException(Reason.UNKNOWN_SCHEMA, "schema id " + id + " is "
                    + writer.getFullName() + ", none of LiquidStream's message types " + byName.keySet());
        }
        return codec;
    }

    private static String hex(byte[] bytes, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(max, bytes.length); i++) {
            text.append(String.format("%02X ", bytes[i]));
        }
        return text.length() == 0 ? "nothing" : text.toString().trim();
    }
}

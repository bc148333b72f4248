package io.liquidstream.schemas.codec;

import java.util.Objects;

/**
 * Bytes could not be decoded into a record. Every failure caused by the bytes themselves surfaces as
 * this one type, with a {@link Reason} that a consumer can route on (e.g. into a dead-letter topic
 * header) and a message that says what was expected, what was found and where.
 */
public final class RecordDecodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the bytes were rejected. */
    public enum Reason {
        /** The header does not start with the codec's magic bytes. */
        BAD_MAGIC,
        /** The schema fingerprint or id in the header is not known to the codec. */
        UNKNOWN_SCHEMA,
        /** The writer schema is known but cannot be read as the reader schema. */
        INCOMPATIBLE_SCHEMA,
        /** The bytes end before the record does. */
        TRUNCATED,
        /** The bytes are malformed: bad varint, index out of range, trailing bytes, and so on. */
        CORRUPT,
        /** The message, or a length declared inside it, exceeds the configured limits. */
        TOO_LARGE
    }

    private final Reason reason;

    /**
     * @param reason  why the bytes were rejected
     * @param message what was expected, what was found and where
     */
    public RecordDecodingException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason  why the bytes were rejected
     * @param message what was expected, what was found and where
     * @param cause   the underlying failure
     */
    public RecordDecodingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the bytes were rejected */
    public Reason reason() {
        return reason;
    }
}

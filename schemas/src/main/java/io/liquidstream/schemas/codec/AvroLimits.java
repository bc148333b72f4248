package io.liquidstream.schemas.codec;

import org.apache.avro.SystemLimitException;

/**
 * Caps the lengths Avro itself accepts when decoding, as a second line of defence behind the codecs'
 * own byte-budget check ({@code BinaryShape}).
 *
 * <p>Avro reads its limits once, when {@link SystemLimitException} is initialised, from system
 * properties; without them a forged length lets Avro allocate up to 2 GiB per array or string.
 * {@link #ensure()} sets each property only where the operator has not set it already. If Avro was
 * initialised earlier the properties have no effect, which is why the codecs never rely on them alone.
 */
public final class AvroLimits {

    /** Longest string, bytes value or collection Avro may decode, unless configured otherwise. */
    public static final int DEFAULT_MAX_LENGTH = 64 * 1024 * 1024;

    private static boolean ensured;

    private AvroLimits() {
    }

    /** Sets Avro's length limits to {@link #DEFAULT_MAX_LENGTH} where unset; idempotent and thread-safe. */
    public static synchronized void ensure() {
        if (ensured) {
            return;
        }
        setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY);
        setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY);
        setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY);
        ensured = true;
    }

    private static void setIfAbsent(String property) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(DEFAULT_MAX_LENGTH));
        }
    }
}

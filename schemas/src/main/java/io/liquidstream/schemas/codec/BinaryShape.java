package io.liquidstream.schemas.codec;

import io.liquidstream.schemas.codec.RecordDecodingException.Reason;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;

/**
 * Checks that a byte range is exactly one well-formed Avro binary datum of a writer schema, before
 * Avro decodes it.
 *
 * <p>Why: Avro trusts every length it reads. A forged array count of 2<sup>30</sup> in a 40-byte
 * message makes it allocate gigabytes, a truncated message surfaces as {@code EOFException} or
 * {@code ArrayIndexOutOfBoundsException}. This walk reads only varints and lengths, allocates
 * nothing per item, and bounds every declared count by the bytes that remain: each item of a type
 * whose smallest encoding is {@code m} bytes needs at least {@code m} of them. Once it passes, Avro
 * can neither run off the end nor allocate more than a small multiple of the message size.
 *
 * <p>Instances are immutable and thread-safe; build one per writer schema and reuse it.
 */
final class BinaryShape {

    private static final int MAX_DEPTH = 64;

    private final Schema writer;
    private final int maxMessageBytes;
    /** Smallest encoded size of every schema reachable from the writer, keyed by identity. */
    private final Map<Schema, Integer> minSizes = new IdentityHashMap<>();

    BinaryShape(Schema writer, int maxMessageBytes) {
        this.writer = writer;
        this.maxMessageBytes = maxMessageBytes;
        minSize(writer, new IdentityHashMap<>());
    }

    /**
     * @param context names the message for error texts, e.g. "EventPacket (writer fingerprint ...)"
     * @throws RecordDecodingException if the range is not exactly one datum of the writer schema
     */
    void check(byte[] bytes, int offset, int length, String context) {
        Walk walk = new Walk(bytes, offset, offset + length);
        try {
            walk.value(writer, 0);
            if (walk.pos != walk.end) {
                throw new Violation(Reason.CORRUPT,
                        (walk.end - walk.pos) + " trailing bytes after the end of the record", walk.pos);
            }
        } catch (Violation v) {
            String where = v.path.isEmpty() ? "" : " in field " + String.join("", v.path).replaceFirst("^\\.", "");
            throw new RecordDecodingException(v.reason, context + ": " + v.getMessage() + " at byte "
                    + (v.position - offset) + " of the " + length + "-byte body" + where);
        }
    }

    private int minSize(Schema schema, Map<Schema, Boolean> inProgress) {
        Integer known = minSizes.get(schema);
        if (known != null) {
            return known;
        }
        if (inProgress.containsKey(schema)) {
            return 0; // recursive type: 0 is a safe lower bound
        }
        inProgress.put(schema, Boolean.TRUE);
        int size = switch (schema.getType()) {
            case NULL -> 0;
            case BOOLEAN, INT, LONG, ENUM, STRING, BYTES, ARRAY, MAP -> 1;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> schema.getFixedSize();
            case UNION -> {
                int smallest = Integer.MAX_VALUE;
                for (Schema branch : schema.getTypes()) {
                    smallest = Math.min(smallest, minSize(branch, inProgress));
                }
                yield saturatingAdd(1, smallest);
            }
            case RECORD -> {
                int sum = 0;
                for (Field field : schema.getFields()) {
                    sum = saturatingAdd(sum, minSize(field.schema(), inProgress));
                }
                yield sum;
            }
        };
        switch (schema.getType()) {
            case ARRAY -> minSize(schema.getElementType(), inProgress);
            case MAP -> minSize(schema.getValueType(), inProgress);
            default -> { }
        }
        inProgress.remove(schema);
        minSizes.put(schema, size);
        return size;
    }

    private static int saturatingAdd(int a, int b) {
        long sum = (long) a + b;
        return sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
    }

    /** A shape violation on its way up to {@link #check}; collects the field path as it unwinds. */
    private static final class Violation extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Reason reason;
        final int position;
        final transient Deque<String> path = new ArrayDeque<>();

        Violation(Reason reason, String message, int position) {
            super(message, null, false, false);
            this.reason = reason;
            this.position = position;
        }

        Violation within(String segment) {
            path.addFirst(segment);
            return this;
        }
    }

    /** One pass over one message. */
    private final class Walk {
        private final byte[] bytes;
        private final int end;
        private int pos;

        Walk(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.pos = start;
            this.end = end;
        }

        void value(Schema schema, int depth) {
            if (depth > MAX_DEPTH) {
                throw new Violation(Reason.CORRUPT, "nesting deeper than " + MAX_DEPTH + " levels", pos);
            }
            switch (schema.getType()) {
                case NULL -> { }
                case BOOLEAN -> {
                    int b = take(1, "boolean");
                    if (bytes[b] != 0 && bytes[b] != 1) {
                        throw new Violation(Reason.CORRUPT, "boolean byte must be 0 or 1 but is " + bytes[b], b);
                    }
                }
                case INT -> varint(5, "int");
                case LONG -> varint(10, "long");
                case FLOAT -> take(4, "float");
                case DOUBLE -> take(8, "double");
                case STRING, BYTES -> take(length(schema.getType().getName()), schema.getType().getName());
                case FIXED -> take(schema.getFixedSize(), "fixed");
                case ENUM -> index(schema.getEnumSymbols().size(), "enum symbol");
                case UNION -> value(schema.getTypes().get(index(schema.getTypes().size(), "union branch")),
                        depth + 1);
                case RECORD -> {
                    for (Field field : schema.getFields()) {
                        try {
                            value(field.schema(), depth + 1);
                        } catch (Violation v) {
                            throw v.within("." + field.name());
                        }
                    }
                }
                case ARRAY -> items(schema.getElementType(), false, depth);
                case MAP -> items(schema.getValueType(), true, depth);
            }
        }

        private void items(Schema item, boolean map, int depth) {
            int minItem = saturatingAdd(minSizes.get(item), map ? 1 : 0);
            Schema.Type type = item.getType();
            long seen = 0;
            while (true) {
                int blockAt = pos;
                long count = readVarLong(10, "block count");
                if (count == 0) {
                    return;
                }
                long blockBytes = -1;
                if (count < 0) {
                    if (count == Long.MIN_VALUE) {
                        throw new Violation(Reason.CORRUPT, "block count " + count + " cannot be negated", blockAt);
                    }
                    count = -count;
                    blockBytes = length("block size");
                }
                budget(count, seen, minItem, blockAt);
                int blockStart = pos;
                for (long i = 0; i < count; i++) {
                    try {
                        if (type == Schema.Type.INT && !map) {
                            varint(5, "int");
                        } else if (type == Schema.Type.LONG && !map) {
                            varint(10, "long");
                        } else {
                            if (map) {
                                take(length("map key"), "map key");
                            }
                            value(item, depth + 1);
                        }
                    } catch (Violation v) {
                        throw v.within("[" + (seen + i) + "]");
                    }
                }
                if (blockBytes >= 0 && pos - blockStart != blockBytes) {
                    throw new Violation(Reason.CORRUPT, "block declared " + blockBytes + " bytes but its "
                            + count + " items took " + (pos - blockStart), blockAt);
                }
                seen += count;
            }
        }

        /** Rejects a block of {@code count} items that the remaining bytes cannot possibly hold. */
        private void budget(long count, long seen, int minItem, int blockAt) {
            long total = seen + count;
            if (minItem == 0) {
                if (total > maxMessageBytes) {
                    throw new Violation(Reason.TOO_LARGE, "collection of " + total
                            + " zero-byte items exceeds the limit of " + maxMessageBytes, blockAt);
                }
                return;
            }
            if (count > (end - pos) / minItem) {
                boolean impossible = count > maxMessageBytes / minItem;
                throw new Violation(impossible ? Reason.TOO_LARGE : Reason.TRUNCATED, "block of " + count
                        + " items of at least " + minItem + " bytes each does not fit the " + (end - pos)
                        + " bytes remaining", blockAt);
            }
        }

        private int index(int size, String what) {
            int at = pos;
            long value = readVarLong(5, what);
            if (value < 0 || value >= size) {
                throw new Violation(Reason.CORRUPT, what + " index " + value + " is outside 0.." + (size - 1), at);
            }
            return (int) value;
        }

        private int length(String what) {
            int at = pos;
            long value = readVarLong(10, what + " length");
            if (value < 0) {
                throw new Violation(Reason.CORRUPT, what + " length is negative (" + value + ")", at);
            }
            if (value > end - pos) {
                Reason reason = value > maxMessageBytes ? Reason.TOO_LARGE : Reason.TRUNCATED;
                throw new Violation(reason, what + " length " + value + " exceeds the " + (end - pos)
                        + " bytes remaining", at);
            }
            return (int) value;
        }

        /** Skips {@code n} bytes and returns where they started. */
        private int take(int n, String what) {
            if (n > end - pos) {
                throw new Violation(Reason.TRUNCATED, what + " needs " + n + " bytes but " + (end - pos)
                        + " remain", pos);
            }
            int at = pos;
            pos += n;
            return at;
        }

        private void varint(int maxBytes, String what) {
            int at = pos;
            for (int i = 0; i < maxBytes; i++) {
                if (pos == end) {
                    throw new Violation(Reason.TRUNCATED, what + " varint is cut off", at);
                }
                if ((bytes[pos++] & 0x80) == 0) {
                    return;
                }
            }
            throw new Violation(Reason.CORRUPT, what + " varint is longer than " + maxBytes + " bytes", at);
        }

        /** Reads a zig-zag varint of at most {@code maxBytes} bytes (5 for Avro ints, 10 for longs). */
        private long readVarLong(int maxBytes, String what) {
            int at = pos;
            long raw = 0;
            for (int shift = 0; shift < 7 * maxBytes; shift += 7) {
                if (pos == end) {
                    throw new Violation(Reason.TRUNCATED, what + " varint is cut off", at);
                }
                int b = bytes[pos++];
                raw |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw new Violation(Reason.CORRUPT, what + " varint is longer than " + maxBytes + " bytes", at);
        }
    }
}

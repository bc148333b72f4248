package io.liquidstream.schemas.codec;

import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/** Both wire formats behind one shape, so tests can run against each. */
record Codecs(String name, Function<SpecificRecord, byte[]> encode, Decoder decode) {

    /** Decodes with a codec for the given record type. */
    interface Decoder {
        SpecificRecord decode(Class<? extends SpecificRecord> type, byte[] bytes);
    }

    static Codecs singleObject() {
        return new Codecs("single-object",
                record -> singleObjectFor(record.getClass()).encode(record),
                (type, bytes) -> singleObjectFor(type).decode(bytes));
    }

    static Codecs confluent() {
        InMemorySchemaIdLookup registry = new InMemorySchemaIdLookup();
        return new Codecs("confluent",
                record -> confluentFor(record.getClass(), registry).encode(record),
                (type, bytes) -> confluentFor(type, registry).decode(bytes));
    }

    static Codecs[] both() {
        return new Codecs[] {singleObject(), confluent()};
    }

    @Override
    public String toString() {
        return name;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static AvroSingleObjectCodec<SpecificRecord> singleObjectFor(Class<?> type) {
        return AvroSingleObjectCodec.of((Class) type);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ConfluentWireCodec<SpecificRecord> confluentFor(Class<?> type, SchemaIdLookup registry) {
        return new ConfluentWireCodec<>((Class) type, registry);
    }
}

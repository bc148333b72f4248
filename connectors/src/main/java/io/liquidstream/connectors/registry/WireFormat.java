package io.liquidstream.connectors.registry;

import io.liquidstream.schemas.codec.AnyEncodingDecoder;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.liquidstream.schemas.codec.ConfluentWireCodec;
import java.util.Locale;
import java.util.function.Function;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * How Avro records go onto Kafka and come back: Avro's single-object encoding (the schema's fingerprint
 * in each record, no registry), or the Confluent wire format (a schema id from a schema registry in each
 * record: what kcat's Avro mode, Kafka Connect's AvroConverter, ksqlDB and Flink read). Writers use one;
 * readers take either, told apart by the first byte, so producers can move at their own pace.
 */
public final class WireFormat {

    public static final String SINGLE_OBJECT = "single-object";
    public static final String CONFLUENT = "confluent";

    private final SchemaRegistryClient registry;
    private final boolean confluentOut;

    private WireFormat(SchemaRegistryClient registry, boolean confluentOut) {
        this.registry = registry;
        this.confluentOut = confluentOut;
    }

    /** Single-object encoding out; Confluent-framed input refused (no registry to resolve its ids). */
    public static WireFormat singleObject() {
        return new WireFormat(null, false);
    }

    /** The Confluent wire format out, registering schemas with {@code registry}; both encodings in. */
    public static WireFormat confluent(SchemaRegistryClient registry) {
        if (registry == null) {
            throw new IllegalArgumentException("the Confluent wire format needs a schema registry");
        }
        return new WireFormat(registry, true);
    }

    /**
     * The format a setting names, {@value #SINGLE_OBJECT} or {@value #CONFLUENT}, with the registry at
     * {@code registryUrl} (required for {@value #CONFLUENT}; with {@value #SINGLE_OBJECT} it lets readers
     * take Confluent-framed input too).
     */
    public static WireFormat of(String format, String registryUrl) {
        SchemaRegistryClient registry = registryUrl == null || registryUrl.isBlank() ? null
                : SchemaRegistryClient.of(registryUrl);
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case CONFLUENT -> {
                if (registry == null) {
                    throw new IllegalArgumentException("the Confluent wire format needs a schema registry URL, "
                            + "found none");
                }
                yield confluent(registry);
            }
            case SINGLE_OBJECT -> new WireFormat(registry, false);
            default -> throw new IllegalArgumentException("expected the wire format " + SINGLE_OBJECT + " or "
                    + CONFLUENT + ", found '" + format + "'");
        };
    }

    /** Whether writers use the Confluent wire format. */
    public boolean confluent() {
        return confluentOut;
    }

    /**
     * How records of {@code type} are written to {@code topic}. In the Confluent format the schema is
     * registered now, under {@code <topic>-value}, so that a registry that cannot be reached or refuses
     * the schema is reported before the first record, not in the middle of a stream.
     *
     * @throws IllegalStateException when the registry cannot be reached or refuses the schema
     */
    public <T extends SpecificRecord> Function<T, byte[]> writer(Class<T> type, String topic) {
        if (!confluentOut) {
            return AvroSingleObjectCodec.of(type)::encode;
        }
        String subject = SchemaRegistryClient.valueSubject(topic);
        registry.register(subject, SpecificData.getForClass(type).getSchema(type));
        return new ConfluentWireCodec<>(type, registry.forSubject(subject))::encode;
    }

    /** How records of {@code type} are read: either encoding, Confluent-framed ones only with a registry. */
    public <T extends SpecificRecord> AnyEncodingDecoder<T> reader(Class<T> type) {
        return registry == null ? AnyEncodingDecoder.singleObjectOnly(type)
                : AnyEncodingDecoder.withRegistry(type, registry.forReading());
    }

    /** What the format is, for logs: {@code single-object encoding} or {@code Confluent wire format, schemas at URL}. */
    public String describe() {
        return confluentOut ? "Confluent wire format, schemas at " + registry.url() : "single-object encoding";
    }
}

package io.liquidstream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.SampleRecords;
import io.liquidstream.schemas.codec.AnyMessageDecoder.Decoded;
import io.liquidstream.schemas.codec.AnyMessageDecoder.Encoding;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AnyMessageDecoderTest {

    static Stream<SpecificRecord> everyMessageType() {
        return SampleRecords.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMessageType")
    void givenASingleObjectMessageOfAnyType_itsFingerprintPicksTheType(SpecificRecord record) {
        byte[] bytes = Codecs.singleObject().encode().apply(record);

        Decoded decoded = new AnyMessageDecoder().decode(bytes);

        assertThat(decoded.record()).isEqualTo(record);
        assertThat(decoded.encoding()).isEqualTo(Encoding.SINGLE_OBJECT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMessageType")
    void givenAConfluentMessageAndItsRegistry_theRegisteredSchemaPicksTheType(SpecificRecord record) {
        InMemorySchemaIdLookup registry = new InMemorySchemaIdLookup();
        @SuppressWarnings({"unchecked", "rawtypes"})
        byte[] bytes = new ConfluentWireCodec<>((Class) record.getClass(), registry).encode(record);

        Decoded decoded = new AnyMessageDecoder(registry).decode(bytes);

        assertThat(decoded.record()).isEqualTo(record);
        assertThat(decoded.encoding()).isEqualTo(Encoding.CONFLUENT_WIRE);
    }

    @Test
    void givenAConfluentMessageWithoutARegistry_theErrorSaysARegistryIsNeeded() {
        InMemorySchemaIdLookup registry = new InMemorySchemaIdLookup();
        registry.register(42, Association.getClassSchema());
        byte[] bytes = new ConfluentWireCodec<>(Association.class, registry).encode(SampleRecords.association());

        assertThatThrownBy(() -> new AnyMessageDecoder().decode(bytes))
                .isInstanceOf(RecordDecodingException.class)
                .hasMessageContaining("names schema id 42")
                .hasMessageContaining("no registry was given");
    }

    @Test
    void givenAnUnknownFingerprint_theErrorListsTheKnownOnes() {
        byte[] bytes = Codecs.singleObject().encode().apply(SampleRecords.embedding());
        bytes[5] ^= 0x55;

        assertThatThrownBy(() -> new AnyMessageDecoder().decode(bytes))
                .isInstanceOf(RecordDecodingException.class)
                .hasMessageContaining("none of this version's schemas")
                .hasMessageContaining("Association ");
    }

    @Test
    void givenNeitherMagic_theErrorNamesBothFramings() {
        assertThatThrownBy(() -> new AnyMessageDecoder().decode(new byte[] {'{', '"'}))
                .isInstanceOf(RecordDecodingException.class)
                .hasMessageContaining("starts with 7B 22; expected C3 01 (Avro single-object encoding) or 00");
    }
}

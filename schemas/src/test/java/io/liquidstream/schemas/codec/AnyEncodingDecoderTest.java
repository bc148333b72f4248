package io.liquidstream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.RecordDecodingException.Reason;
import org.junit.jupiter.api.Test;

class AnyEncodingDecoderTest {

    private final InMemorySchemaIdLookup registry = new InMemorySchemaIdLookup();
    private final EventPacket packet = EventPackets.fromColumns("dvs-1", Modality.VISION, 7, 1_000,
            new int[] {0, 5, 9}, new int[] {1, 2, 3}, new int[] {4, 5, 6}, new int[] {1, 0, 1});

    @Test
    void givenEitherEncoding_theFirstByteChoosesTheCodecAndTheRecordComesBack() {
        byte[] singleObject = AvroSingleObjectCodec.of(EventPacket.class).encode(packet);
        byte[] confluent = new ConfluentWireCodec<>(EventPacket.class, registry).encode(packet);
        AnyEncodingDecoder<EventPacket> decoder = AnyEncodingDecoder.withRegistry(EventPacket.class, registry);

        assertThat(singleObject[0]).isEqualTo((byte) 0xC3);
        assertThat(confluent[0]).isZero();
        assertThat(decoder.decode(singleObject)).isEqualTo(packet);
        assertThat(decoder.decode(confluent)).isEqualTo(packet);
    }

    @Test
    void givenConfluentBytesAndNoRegistry_theyAreRefusedAsUnknownSchemaNamingTheMissingRegistry() {
        byte[] confluent = new ConfluentWireCodec<>(EventPacket.class, registry).encode(packet);

        assertThatThrownBy(() -> AnyEncodingDecoder.singleObjectOnly(EventPacket.class).decode(confluent))
                .isInstanceOfSatisfying(RecordDecodingException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.UNKNOWN_SCHEMA))
                .hasMessageContaining("Confluent wire format").hasMessageContaining("no schema registry");
    }

    @Test
    void givenAnotherFirstByte_theBytesAreRefusedNamingBothEncodings() {
        AnyEncodingDecoder<EventPacket> decoder = AnyEncodingDecoder.withRegistry(EventPacket.class, registry);

        assertThatThrownBy(() -> decoder.decode("{\"x\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(RecordDecodingException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.BAD_MAGIC))
                .hasMessageContaining("C3 (Avro single-object encoding) or 00 (Confluent wire format)")
                .hasMessageContaining("starts with 7B");
        assertThatThrownBy(() -> decoder.decode(new byte[0])).isInstanceOfSatisfying(RecordDecodingException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
    }

    @Test
    void givenAConfluentIdTheRegistryDoesNotKnow_itIsRefusedAsUnknownSchema() {
        byte[] forged = {0, 0, 0, 0x30, 0x39, 2, 4};

        assertThatThrownBy(() -> AnyEncodingDecoder.withRegistry(EventPacket.class, registry).decode(forged))
                .isInstanceOfSatisfying(RecordDecodingException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.UNKNOWN_SCHEMA))
                .hasMessageContaining("schema id 12345");
    }
}

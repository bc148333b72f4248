package io.liquidstream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.schemas.Decoded;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.SampleRecords;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    static Stream<Arguments> recordsInBothEncodings() {
        return Stream.of(Codecs.both()).flatMap(codecs -> SampleRecords.all().stream()
                .map(record -> Arguments.of(codecs, record.getClass().getSimpleName(), record)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("recordsInBothEncodings")
    void givenRecord_decodingItsEncodingGivesItBack(Codecs codecs, String type, SpecificRecord record) {
        byte[] bytes = codecs.encode().apply(record);

        assertThat(codecs.decode().decode(record.getClass(), bytes)).isEqualTo(record);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liquidstream.schemas.codec.Codecs#both")
    void givenADecodedHop_itsNamedValuesBoundsAndTimingSurviveTheRoundTrip(Codecs codecs) {
        Decoded hop = SampleRecords.decoded();

        Decoded back = (Decoded) codecs.decode().decode(Decoded.class, codecs.encode().apply(hop));

        assertThat(back.getNames()).containsExactly("vx", "vy");
        assertThat(back.getValues()).containsExactly(0.25f, -1.5f);
        assertThat(List.of(back.getWindowStartMicros(), back.getHopStartMicros(), back.getWindowEndMicros()))
                .containsExactly(8_000_000L, 9_990_000L, 10_000_000L);
        assertThat(List.of(back.getFirstEventMicros(), back.getWindowCloseMicros(), back.getEmitMicros()))
                .containsExactly(40L, 41L, 43L);
        assertThat(back.getModality()).isEqualTo(Modality.NEURAL);
        assertThat(back.getLabel()).isNull();
        assertThat(back).isEqualTo(hop);
    }

    @Test
    void singleObjectBytes_areReadableByAvrosOwnMessageDecoder() throws Exception {
        EventPacket packet = SampleRecords.visionPacket();

        byte[] ours = AvroSingleObjectCodec.of(EventPacket.class).encode(packet);

        assertThat(EventPacket.getDecoder().decode(ours)).isEqualTo(packet);
    }

    @Test
    void avrosOwnSingleObjectBytes_areReadableByTheCodec() throws Exception {
        EventPacket packet = SampleRecords.visionPacket();
        byte[] avros = packet.toByteBuffer().array();

        assertThat(AvroSingleObjectCodec.of(EventPacket.class).decode(avros)).isEqualTo(packet);
    }

    @Test
    void confluentHeader_isMagicZeroThenBigEndianSchemaId() {
        InMemorySchemaIdLookup registry = new InMemorySchemaIdLookup();
        registry.register(0x01020304, EventPacket.getClassSchema());

        byte[] bytes = new ConfluentWireCodec<>(EventPacket.class, registry).encode(SampleRecords.audioPacket());

        assertThat(bytes).startsWith(0, 1, 2, 3, 4);
    }

    @Test
    void decodingWithinALargerBuffer_readsOnlyTheGivenRange() {
        AvroSingleObjectCodec<EventPacket> codec = AvroSingleObjectCodec.of(EventPacket.class);
        byte[] message = codec.encode(SampleRecords.audioPacket());
        byte[] buffer = new byte[message.length + 7];
        System.arraycopy(message, 0, buffer, 3, message.length);

        assertThat(codec.decode(buffer, 3, message.length)).isEqualTo(SampleRecords.audioPacket());
    }
}

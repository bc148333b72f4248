package io.liquidstream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.SampleRecords;
import io.liquidstream.schemas.codec.RecordDecodingException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CorruptInputTest {

    private final AvroSingleObjectCodec<EventPacket> singleObject = AvroSingleObjectCodec.of(EventPacket.class);
    private final InMemorySchemaIdLookup registry = new InMemorySchemaIdLookup();
    private final ConfluentWireCodec<EventPacket> confluent = new ConfluentWireCodec<>(EventPacket.class, registry);

    static Stream<Arguments> recordsInBothEncodings() {
        return Stream.of(Codecs.both()).flatMap(codecs -> SampleRecords.all().stream()
                .map(record -> Arguments.of(codecs, record.getClass().getSimpleName(), record)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("recordsInBothEncodings")
    void givenMessageCutAtAnyByte_decodingReportsTruncation(Codecs codecs, String type, SpecificRecord record) {
        byte[] whole = codecs.encode().apply(record);

        for (int length = 0; length < whole.length; length++) {
            byte[] prefix = Arrays.copyOf(whole, length);
            RecordDecodingException failure = catchThrowableOfType(RecordDecodingException.class,
                    () -> codecs.decode().decode(record.getClass(), prefix));
            assertThat(failure).as("prefix of %d of %d bytes", length, whole.length).isNotNull();
            assertThat(failure.reason()).as("prefix of %d of %d bytes: %s", length, whole.length,
                    failure.getMessage()).isEqualTo(Reason.TRUNCATED);
        }
    }

    @Test
    void givenWrongSingleObjectMagic_decodingReportsBadMagic() {
        byte[] message = singleObject.encode(SampleRecords.audioPacket());
        message[1] = 0x02;

        assertReason(() -> singleObject.decode(message), Reason.BAD_MAGIC, "must start with C3 01 but starts with C3 02");
    }

    @Test
    void givenWrongConfluentMagic_decodingReportsBadMagic() {
        byte[] message = confluent.encode(SampleRecords.audioPacket());
        message[0] = 1;

        assertReason(() -> confluent.decode(message), Reason.BAD_MAGIC, "magic byte 00 but starts with 01");
    }

    @Test
    void givenUnknownFingerprint_decodingReportsUnknownSchema() {
        byte[] message = singleObject.encode(SampleRecords.audioPacket());
        message[5] ^= 0x40;

        assertReason(() -> singleObject.decode(message), Reason.UNKNOWN_SCHEMA, "writer fingerprint");
    }

    @Test
    void givenUnknownSchemaId_decodingReportsUnknownSchema() {
        byte[] message = confluent.encode(SampleRecords.audioPacket());
        message[4] = 99;

        assertReason(() -> confluent.decode(message), Reason.UNKNOWN_SCHEMA, "schema id 99");
    }

    @Test
    void givenForgedArrayLengthOfTwoToTheThirty_decodingRejectsItWithoutAllocating() {
        byte[] message = withSingleObjectHeader(forgedPacketBody(zigzagVarint(1L << 30)));

        assertReason(() -> singleObject.decode(message), Reason.TOO_LARGE,
                "block of 1073741824 items of at least 1 bytes each does not fit");
    }

    @Test
    void givenForgedNegativeBlockCount_decodingRejectsIt() {
        ByteArrayOutputStream count = new ByteArrayOutputStream();
        count.writeBytes(zigzagVarint(-(1L << 30)));
        count.writeBytes(zigzagVarint(3));
        byte[] message = withSingleObjectHeader(forgedPacketBody(count.toByteArray()));

        assertReason(() -> singleObject.decode(message), Reason.TOO_LARGE, "in field dt");
    }

    @Test
    void givenForgedStringLength_decodingRejectsIt() {
        byte[] body = concat(zigzagVarint(Integer.MAX_VALUE), new byte[] {'s', 0, 0, 0});
        byte[] message = withSingleObjectHeader(body);

        assertReason(() -> singleObject.decode(message), Reason.TOO_LARGE, "string length 2147483647");
    }

    @Test
    void givenUnionIndexOutOfRange_decodingReportsCorruption() {
        EventPacket packet = SampleRecords.audioPacket();
        byte[] message = singleObject.encode(packet);
        // The audio sample ends with sampleId = null, label = null, endOfSample = false: 00 00 00.
        message[message.length - 3] = 0x08;

        assertReason(() -> singleObject.decode(message), Reason.CORRUPT, "union branch index 4 is outside 0..1");
    }

    @Test
    void givenTrailingBytes_decodingReportsCorruption() {
        byte[] message = singleObject.encode(SampleRecords.audioPacket());
        byte[] padded = Arrays.copyOf(message, message.length + 2);

        assertReason(() -> singleObject.decode(padded), Reason.CORRUPT, "2 trailing bytes");
    }

    @Test
    void givenMessageAboveTheLimit_decodingReportsTooLarge() {
        AvroSingleObjectCodec<EventPacket> small = new AvroSingleObjectCodec<>(EventPacket.class, f -> null, 64);
        byte[] message = small.encode(SampleRecords.visionPacket());

        assertThat(message.length).isGreaterThan(64);
        assertReason(() -> small.decode(message), Reason.TOO_LARGE, "exceeds the limit of 64");
    }

    @Test
    void givenBadIntInsideAnArray_errorNamesTheFieldAndIndex() {
        EventPacket packet = SampleRecords.audioPacket();
        byte[] message = singleObject.encode(packet);
        // dt is {0, 1000, 2500}; make dt[1]'s varint run on: continuation bits all set.
        int at = indexOf(message, zigzagVarint(1_000));
        Arrays.fill(message, at, Math.min(at + 6, message.length), (byte) 0xFF);

        assertReason(() -> singleObject.decode(message), Reason.CORRUPT, "in field dt[1]");
    }

    private static void assertReason(Runnable decode, Reason reason, String messagePart) {
        assertThatThrownBy(decode::run)
                .isInstanceOfSatisfying(RecordDecodingException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }

    /** An EventPacket body: source "s", VISION, seq 0, t0 0, then the given bytes where dt's block count goes. */
    private static byte[] forgedPacketBody(byte[] dtCount) {
        return concat(new byte[] {0x02, 's', 0x00, 0x00, 0x00}, dtCount, new byte[] {0x02, 0x04, 0x06, 0x00});
    }

    private byte[] withSingleObjectHeader(byte[] body) {
        byte[] valid = singleObject.encode(SampleRecords.audioPacket());
        return concat(Arrays.copyOf(valid, 10), body);
    }

    private static byte[] zigzagVarint(long value) {
        long raw = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((raw & ~0x7FL) != 0) {
            out.write((int) ((raw & 0x7F) | 0x80));
            raw >>>= 7;
        }
        out.write((int) raw);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 10; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("pattern not found");
    }
}

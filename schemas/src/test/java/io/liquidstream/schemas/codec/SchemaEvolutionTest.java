package io.liquidstream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.SensorInfo;
import io.liquidstream.schemas.codec.RecordDecodingException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** A reader on the current EventPacket schema reads packets written with version 1, which lacked label and endOfSample. */
class SchemaEvolutionTest {

    private static final Schema V1 = loadV1();

    @Test
    void givenV1SingleObjectMessage_currentReaderFillsNewFieldsWithDefaults() throws IOException {
        byte[] v1Message = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), V1).encode(v1Packet()).array();

        EventPacket packet = AvroSingleObjectCodec.of(EventPacket.class, V1).decode(v1Message);

        assertThat(packet.getSource()).isEqualTo("legacy-dvs");
        assertThat(packet.getModality()).isEqualTo(Modality.VISION);
        assertThat(EventPackets.toIntArray(packet.getDt())).containsExactly(0, 10);
        assertThat(packet.getSampleId()).isEqualTo("old-1");
        assertThat(packet.getLabel()).isNull();
        assertThat(packet.getEndOfSample()).isFalse();
    }

    @Test
    void givenV1SingleObjectMessage_readerWithoutV1RejectsItAsUnknownSchema() throws IOException {
        byte[] v1Message = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), V1).encode(v1Packet()).array();

        assertThatThrownBy(() -> AvroSingleObjectCodec.of(EventPacket.class).decode(v1Message))
                .isInstanceOfSatisfying(RecordDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA))
                .hasMessageContaining("writer fingerprint");
    }

    @Test
    void givenV1ConfluentMessage_currentReaderFillsNewFieldsWithDefaults() throws IOException {
        InMemorySchemaIdLookup registry = new InMemorySchemaIdLookup();
        registry.register(7, V1);

        EventPacket packet = new ConfluentWireCodec<>(EventPacket.class, registry).decode(confluent(7, V1, v1Packet()));

        assertThat(packet.getSampleId()).isEqualTo("old-1");
        assertThat(packet.getLabel()).isNull();
        assertThat(packet.getEndOfSample()).isFalse();
    }

    @Test
    void givenWriterOfAnotherRecordType_readerRejectsItAsIncompatible() throws IOException {
        InMemorySchemaIdLookup registry = new InMemorySchemaIdLookup();
        registry.register(9, SensorInfo.getClassSchema());
        byte[] message = confluent(9, V1, v1Packet());

        assertThatThrownBy(() -> new ConfluentWireCodec<>(EventPacket.class, registry).decode(message))
                .isInstanceOfSatisfying(RecordDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INCOMPATIBLE_SCHEMA))
                .hasMessageContaining("cannot read writer schema io.liquidstream.schemas.SensorInfo");
    }

    @Test
    void givenAPacketOfEveryReleasedSchema_theReadersOfTheServiceResolveIt_watermarkAbsent() throws IOException {
        Schema[] released = SchemaHistory.of(EventPacket.class);
        assertThat(released).hasSize(2);
        for (Schema writer : released) {
            GenericRecord old = v1Packet(writer);
            if (writer.getField("endOfSample") != null) {
                old.put("label", 4);
                old.put("endOfSample", true);
            }
            byte[] message = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(old).array();

            EventPacket packet = AnyEncodingDecoder.singleObjectOnly(EventPacket.class).decode(message);

            assertThat(packet.getSampleId()).isEqualTo("old-1");
            assertThat(packet.getWatermarkMicros()).isNull();
            assertThat(packet.getEndOfSample()).isEqualTo(writer.getField("endOfSample") != null);
        }
        assertThat(released[1].getField("watermarkMicros")).isNull();
        assertThat(EventPacket.getClassSchema().getField("watermarkMicros")).isNotNull();
    }

    private static GenericRecord v1Packet() {
        return v1Packet(V1);
    }

    private static GenericRecord v1Packet(Schema writer) {
        Schema ints = writer.getField("dt").schema();
        GenericRecord record = new GenericData.Record(writer);
        record.put("source", "legacy-dvs");
        record.put("modality", new GenericData.EnumSymbol(writer.getField("modality").schema(), "VISION"));
        record.put("seq", 1L);
        record.put("t0Micros", 500L);
        record.put("dt", new GenericData.Array<>(ints, List.of(0, 10)));
        record.put("x", new GenericData.Array<>(ints, List.of(3, 4)));
        record.put("y", new GenericData.Array<>(ints, List.of(5, 6)));
        record.put("p", new GenericData.Array<>(ints, List.of(1, 0)));
        record.put("sampleId", "old-1");
        return record;
    }

    private static byte[] confluent(int id, Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Schema loadV1() {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/evolution/EventPacket-v1.avsc")) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new IllegalStateException("test resource evolution/EventPacket-v1.avsc is unreadable", e);
        }
    }
}

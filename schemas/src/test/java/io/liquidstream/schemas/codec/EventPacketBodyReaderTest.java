package io.liquidstream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * The columnar EventPacket reader and writer decode and encode exactly what Avro's own reader and writer
 * do, and only for the layout they know.
 */
class EventPacketBodyReaderTest {

    private static final Schema SCHEMA = EventPacket.getClassSchema();

    @Test
    void theCurrentSchemaIsReadColumnar() {
        assertThat(RecordBodyDecoder.prepare(SCHEMA, SCHEMA, SpecificData.get(), 1 << 20, "test").columnar()).isTrue();
    }

    @Test
    void givenRandomPackets_columnarAndGenericReadersAgreeFieldByField() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        RecordBodyDecoder<EventPacket> columnar = RecordBodyDecoder.prepare(SCHEMA, SCHEMA, SpecificData.get(), 1 << 24, "c");
        org.apache.avro.specific.SpecificDatumReader<EventPacket> generic =
                new org.apache.avro.specific.SpecificDatumReader<>(SCHEMA);
        for (int k = 0; k < 200; k++) {
            EventPacket packet = randomPacket(random);
            byte[] body = body(packet);

            EventPacket fast = columnar.decode(body, 0, body.length, "test");
            EventPacket slow = generic.read(null,
                    org.apache.avro.io.DecoderFactory.get().binaryDecoder(body, null));

            assertThat(fast).isEqualTo(slow).isEqualTo(packet);
        }
    }

    @Test
    void givenRandomPackets_theColumnarWriterWritesTheBytesAvrosWriterWrites() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        RecordBodyEncoder<EventPacket> columnar = new RecordBodyEncoder<>(SCHEMA, SpecificData.get());
        for (int k = 0; k < 200; k++) {
            EventPacket packet = randomPacket(random);
            if (k % 2 == 0) {
                // columns a caller built as plain lists rather than through EventPackets
                packet.setX(new java.util.ArrayList<>(packet.getX()));
            }

            assertThat(columnar.encode(new byte[0], packet)).isEqualTo(body(packet));
        }
    }

    @Test
    void givenAMissingRequiredField_theColumnarWriterRefusesItAsTheGenericWriterDoes() {
        EventPacket packet = randomPacket(new SplittableRandom(1));
        packet.setSource(null);

        assertThatThrownBy(() -> new RecordBodyEncoder<EventPacket>(SCHEMA, SpecificData.get()).encode(new byte[0], packet))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenABodyCutShort_theColumnarReaderRejectsItAsCorruptOrTruncated() throws IOException {
        byte[] body = body(randomPacket(new SplittableRandom(3)));
        RecordBodyDecoder<EventPacket> columnar = RecordBodyDecoder.prepare(SCHEMA, SCHEMA, SpecificData.get(), 1 << 24, "c");

        for (int cut = 0; cut < body.length; cut += 7) {
            int length = cut;
            assertThatThrownBy(() -> columnar.decode(body, 0, length, "test")).isInstanceOf(RecordDecodingException.class);
        }
    }

    @Test
    void aSchemaWithAFieldMoreIsNotReadColumnar() {
        Schema extended = SchemaBuilder.record("EventPacket").namespace("io.liquidstream.schemas").fields()
                .name("source").type().stringType().noDefault()
                .name("extra").type().intType().intDefault(0)
                .endRecord();

        assertThat(EventPacketBodyReader.fits(extended)).isFalse();
        assertThat(EventPacketBodyReader.fits(SCHEMA)).isTrue();
    }

    private static EventPacket randomPacket(SplittableRandom r) {
        int n = r.nextInt(0, 1500);
        boolean planar = r.nextBoolean();
        int[] dt = new int[n];
        int[] x = new int[n];
        int[] y = new int[planar ? n : 0];
        int[] p = new int[planar ? n : 0];
        int t = 0;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(0, 100_000);
            dt[i] = t;
            x[i] = r.nextInt(0, 1 << 20);
            if (planar) {
                y[i] = r.nextInt(0, 480);
                p[i] = r.nextInt(2);
            }
        }
        Modality modality = Modality.values()[r.nextInt(Modality.values().length)];
        EventPacket packet = EventPackets.fromColumns("src-" + r.nextInt(100), modality, r.nextLong(0, Long.MAX_VALUE),
                r.nextLong(0, 1L << 50), dt, x, y, p);
        packet.setSampleId(r.nextBoolean() ? "s-" + r.nextInt() : null);
        packet.setLabel(r.nextBoolean() ? r.nextInt(-5, 100) : null);
        packet.setEndOfSample(r.nextBoolean());
        packet.setWatermarkMicros(r.nextBoolean() ? r.nextLong(0, 1L << 50) : null);
        return packet;
    }

    private static byte[] body(EventPacket packet) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(EventPacket.class).write(packet, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}

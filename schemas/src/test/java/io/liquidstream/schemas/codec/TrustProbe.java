package io.liquidstream.schemas.codec;

import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.SampleRecords;
import java.io.ByteArrayOutputStream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Run in a fresh JVM by {@link AvroTrustTest}: decodes an EventPacket one way and prints
 * {@code DECODED <source>} or {@code REFUSED <exception>}.
 */
public final class TrustProbe {

    private TrustProbe() {
    }

    public static void main(String[] args) throws Exception {
        EventPacket packet = SampleRecords.visionPacket();
        try {
            EventPacket decoded = switch (args[0]) {
                case "plain-avro" -> plainAvro(packet);
                case "codec" -> AvroSingleObjectCodec.of(EventPacket.class)
                        .decode(AvroSingleObjectCodec.of(EventPacket.class).encode(packet));
                case "codec-after-avro-started" -> {
                    ClassSecurityValidator.getGlobal(); // Avro reads its trusted packages now, without ours
                    ConfluentWireCodec<EventPacket> codec =
                            new ConfluentWireCodec<>(EventPacket.class, new InMemorySchemaIdLookup());
                    yield codec.decode(codec.encode(packet));
                }
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            };
            System.out.println("DECODED " + decoded.getSource() + " equal=" + decoded.equals(packet));
        } catch (Exception | LinkageError e) {
            System.out.println("REFUSED " + e);
        }
    }

    private static EventPacket plainAvro(EventPacket packet) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(EventPacket.class).write(packet, encoder);
        encoder.flush();
        return new SpecificDatumReader<>(EventPacket.class)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}

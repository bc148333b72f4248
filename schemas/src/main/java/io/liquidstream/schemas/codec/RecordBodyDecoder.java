package io.liquidstream.schemas.codec;

import io.liquidstream.schemas.codec.RecordDecodingException.Reason;
import java.io.IOException;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;

/**
 * Decodes Avro binary bodies written with one writer schema into records of the reader's type,
 * resolving schema differences. Shared by both wire formats; thread-safe.
 */
final class RecordBodyDecoder<T> {

    private final BinaryShape shape;
    private final DatumReader<T> reader;
    private final EventPacketBodyReader packets;

    private RecordBodyDecoder(BinaryShape shape, DatumReader<T> reader, EventPacketBodyReader packets) {
        this.shape = shape;
        this.reader = reader;
        this.packets = packets;
    }

    /**
     * @param writer  the schema the bytes were written with
     * @param model   the reader's specific data model (knows the generated classes)
     * @param readerSchema the schema of the records to produce
     * @param context names the writer for error texts
     * @throws RecordDecodingException with {@link Reason#INCOMPATIBLE_SCHEMA} if the reader cannot read the writer
     */
    static <T> RecordBodyDecoder<T> prepare(Schema writer, Schema readerSchema, SpecificData model,
                                            int maxMessageBytes, String context) {
        if (!writer.equals(readerSchema)) {
            SchemaPairCompatibility compatibility =
                    SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                String why = compatibility.getResult().getIncompatibilities().stream()
                        .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                        .collect(Collectors.joining("; "));
                throw new RecordDecodingException(Reason.INCOMPATIBLE_SCHEMA, context + ": reader schema "
                        + readerSchema.getFullName() + " cannot read writer schema " + writer.getFullName()
                        + " (" + why + ")");
            }
        }
        @SuppressWarnings("unchecked")
        DatumReader<T> reader = (DatumReader<T>) model.createDatumReader(writer, readerSchema);
        EventPacketBodyReader packets = writer.equals(readerSchema) && EventPacketBodyReader.fits(readerSchema)
                ? new EventPacketBodyReader(readerSchema) : null;
        return new RecordBodyDecoder<>(new BinaryShape(writer, maxMessageBytes), reader, packets);
    }

    /** Whether bodies are read by the columnar {@link EventPacketBodyReader} rather than Avro's generic reader. */
    boolean columnar() {
        return packets != null;
    }

    /**
     * @throws RecordDecodingException if the bytes are not exactly one valid body
     * @throws SecurityException       if Avro does not trust the record classes (a set-up error, not bad data)
     */
    T decode(byte[] bytes, int offset, int length, String context) {
        shape.check(bytes, offset, length, context);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, null);
        try {
            if (packets != null) {
                @SuppressWarnings("unchecked")
                T packet = (T) packets.read(decoder);
                return packet;
            }
            return reader.read(null, decoder);
        } catch (SecurityException e) {
            throw e;
        } catch (SystemLimitException e) {
            throw new RecordDecodingException(Reason.TOO_LARGE, context + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new RecordDecodingException(Reason.CORRUPT, context + ": Avro rejected the body: " + e, e);
        }
    }
}

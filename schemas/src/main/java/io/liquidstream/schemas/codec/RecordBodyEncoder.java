package io.liquidstream.schemas.codec;

import io.liquidstream.schemas.EventPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;

/** Writes a header followed by a record's Avro binary body. Shared by both wire formats; thread-safe. */
final class RecordBodyEncoder<T> {

    private final Schema schema;
    private final DatumWriter<T> writer;
    private final EventPacketBodyWriter packets;

    @SuppressWarnings("unchecked")
    RecordBodyEncoder(Schema schema, SpecificData model) {
        this.schema = schema;
        this.writer = (DatumWriter<T>) model.createDatumWriter(schema);
        this.packets = EventPacketBodyReader.fits(schema) ? new EventPacketBodyWriter() : null;
    }

    /**
     * @throws IllegalArgumentException if the record does not fit the schema (e.g. a required field is null)
     */
    byte[] encode(byte[] header, T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + 256);
        out.writeBytes(header);
        // Direct: a buffered encoder would allocate its own 2 KiB buffer per record on top of the stream's.
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            if (packets != null) {
                packets.write((EventPacket) record, encoder);
            } else {
                writer.write(record, encoder);
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        } catch (AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException("Cannot encode " + schema.getFullName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}

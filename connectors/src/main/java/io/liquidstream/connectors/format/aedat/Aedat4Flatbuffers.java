package io.liquidstream.connectors.format.aedat;

import com.google.flatbuffers.FlatBufferBuilder;
import com.google.flatbuffers.Table;
import io.liquidstream.core.event.Events;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The two dv-processing FlatBuffers tables AEDAT 4.0 readers need, as {@code flatc} would generate their
 * accessors (schemas {@code IOHeader.fbs} and {@code Events.fbs}), plus builders for the writer.
 *
 * <p>Both are written size-prefixed: an int32 length, then the buffer with its 4-character identifier.
 */
final class Aedat4Flatbuffers {

    static final String IO_HEADER_ID = "IOHE";
    static final String EVENT_PACKET_ID = "EVTS";
    /** struct Event { int64 timestamp; int16 x; int16 y; bool polarity; } padded to its 8-byte alignment. */
    static final int EVENT_BYTES = 16;

    private Aedat4Flatbuffers() {
    }

    /** {@code table} placed on the root table of {@code buffer}, read little-endian from its position. */
    private static <T extends RootTable> T root(T table, ByteBuffer buffer) {
        table.place(buffer.order(ByteOrder.LITTLE_ENDIAN));
        return table;
    }

    /** A table read as the root of a buffer. */
    private abstract static class RootTable extends Table {
        final void place(ByteBuffer bb) {
            __reset(bb.getInt(bb.position()) + bb.position(), bb);
        }
    }

    /** table IOHeader { compression: CompressionType = NONE; dataTablePosition: int64 = -1; infoNode: string; } */
    static final class IoHeader extends RootTable {

        /** The header in {@code buffer} (without its size prefix). */
        static IoHeader of(ByteBuffer buffer) {
            return root(new IoHeader(), buffer);
        }

        int compression() {
            int o = __offset(4);
            return o != 0 ? bb.getInt(o + bb_pos) : 0;
        }

        long dataTablePosition() {
            int o = __offset(6);
            return o != 0 ? bb.getLong(o + bb_pos) : -1L;
        }

        String infoNode() {
            int o = __offset(8);
            return o != 0 ? __string(o + bb_pos) : null;
        }
    }

    /** table EventPacket { elements: [Event]; } */
    static final class EventPacket extends RootTable {

        /** The packet in {@code buffer} (without its size prefix). */
        static EventPacket of(ByteBuffer buffer) {
            return root(new EventPacket(), buffer);
        }

        int elementsLength() {
            int o = __offset(4);
            return o != 0 ? __vector_len(o) : 0;
        }

        /** Byte index of the first Event struct in the buffer. */
        int elementsStart() {
            int o = __offset(4);
            return o != 0 ? __vector(o) : 0;
        }
    }

    /** Where a decompressed event packet body keeps its {@code Event} structs. */
    record EventSpan(ByteBuffer buffer, int start, int count) {
    }

    /**
     * Locates the events of a decompressed {@code EventPacket} body, size-prefixed (as dv-processing
     * writes it) or not.
     *
     * @throws IllegalArgumentException saying what was found, if the body is not an event packet or points
     *     outside itself
     */
    static EventSpan locateEvents(byte[] body) {
        ByteBuffer buffer = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        int start;
        if (body.length >= 12 && buffer.getInt(0) == body.length - 4 && hasIdentifier(body, 8, EVENT_PACKET_ID)) {
            start = 4;
        } else if (hasIdentifier(body, 4, EVENT_PACKET_ID)) {
            start = 0;
        } else {
            throw new IllegalArgumentException("event packet body of " + body.length + " bytes is not an EventPacket"
                    + " FlatBuffer; expected the identifier '" + EVENT_PACKET_ID + "'");
        }
        try {
            EventPacket events = EventPacket.of(buffer.position(start));
            int count = events.elementsLength();
            int first = events.elementsStart();
            if (count < 0 || first < 0 || first + (long) count * EVENT_BYTES > body.length) {
                throw new IllegalArgumentException("EventPacket declares " + count + " events at byte " + first
                        + " of its " + body.length + "-byte body; expected them inside it");
            }
            return new EventSpan(buffer, first, count);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("EventPacket FlatBuffer points outside its " + body.length + " bytes");
        }
    }

    /** Whether {@code buffer} holds the identifier at {@code offset} (right after the root offset). */
    static boolean hasIdentifier(byte[] buffer, int offset, String identifier) {
        if (buffer.length < offset + 4) {
            return false;
        }
        return new String(buffer, offset, 4, StandardCharsets.ISO_8859_1).equals(identifier);
    }

    static byte[] ioHeader(Aedat4Compression compression, long dataTablePosition, String infoNode) {
        FlatBufferBuilder builder = new FlatBufferBuilder(infoNode.length() + 64);
        // dv-processing forces defaults so that a header rewritten in place keeps its size
        builder.forceDefaults(true);
        int info = builder.createString(infoNode);
        builder.startTable(3);
        builder.addLong(1, dataTablePosition, -1L);
        builder.addOffset(2, info, 0);
        builder.addInt(0, compression.code(), 0);
        builder.finishSizePrefixed(builder.endTable(), IO_HEADER_ID);
        return builder.sizedByteArray();
    }

    static byte[] eventPacket(Events events, int from, int to) {
        int n = to - from;
        FlatBufferBuilder builder = new FlatBufferBuilder(n * EVENT_BYTES + 64);
        builder.startVector(EVENT_BYTES, n, 8);
        for (int i = to - 1; i >= from; i--) {
            // structs are built back to front: padding, polarity, y, x, timestamp
            builder.prep(8, EVENT_BYTES);
            builder.pad(3);
            builder.putBoolean(events.p(i) != 0);
            builder.putShort((short) events.y(i));
            builder.putShort((short) events.x(i));
            builder.putLong(events.t(i));
        }
        int elements = builder.endVector();
        builder.startTable(1);
        builder.addOffset(0, elements, 0);
        builder.finishSizePrefixed(builder.endTable(), EVENT_PACKET_ID);
        return builder.sizedByteArray();
    }
}

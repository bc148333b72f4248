package io.liquidstream.connectors.ingest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * AEStream's (faery's) default UDP layout {@code t64_x16_y16_on8}: packed 13-byte records, little-endian
 * uint64 t (us), uint16 x, uint16 y, uint8 on (0 or 1), as many whole records as fit a datagram.
 *
 * <p>A datagram is refused whole if its length is not a positive multiple of 13, a time does not fit a
 * signed 64-bit value, an {@code on} byte is neither 0 nor 1, or times decrease within it.
 */
final class AestreamT64Decoder implements DatagramDecoder {

    static final int RECORD_BYTES = 13;

    @Override
    public void decode(ByteBuffer datagram, long arrivalMicros, EventSink sink) throws MalformedDatagramException {
        ByteBuffer d = datagram.order(ByteOrder.LITTLE_ENDIAN);
        int start = d.position();
        int length = DatagramDecoder.records(d, RECORD_BYTES, "t64_x16_y16_on8 events") * RECORD_BYTES;
        long previous = Long.MIN_VALUE;
        for (int at = start; at < start + length; at += RECORD_BYTES) {
            long t = d.getLong(at);
            int on = d.get(at + 12) & 0xff;
            int event = (at - start) / RECORD_BYTES;
            if (t < 0) {
                throw new MalformedDatagramException("event " + event + " has time " + Long.toUnsignedString(t)
                        + " us; expected below 2^63");
            }
            if (on > 1) {
                throw new MalformedDatagramException("event " + event + " has on byte " + on + "; expected 0 or 1");
            }
            if (t < previous) {
                throw DatagramDecoder.timeGoesBack(event, t, previous, "times");
            }
            previous = t;
        }
        for (int at = start; at < start + length; at += RECORD_BYTES) {
            sink.event(d.getLong(at), d.getShort(at + 8) & 0xffff, d.getShort(at + 10) & 0xffff, d.get(at + 12));
        }
    }
}

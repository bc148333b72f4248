package io.liquidstream.connectors.ingest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * AEStream's (faery's) compact UDP layout {@code t32_x16_y15_on1}: 8-byte records, little-endian uint32 t
 * (us, wrapping), uint16 x, uint16 holding y in bits 15-1 and on in bit 0. Times are unwrapped across
 * datagrams ({@link Clock32}).
 *
 * <p>A datagram is refused whole if its length is not a positive multiple of 8 or its unwrapped times
 * decrease within it.
 */
final class AestreamT32Decoder implements DatagramDecoder {

    static final int RECORD_BYTES = 8;

    private final Clock32 clock = new Clock32();
    private long[] times = new long[256];

    @Override
    public void decode(ByteBuffer datagram, long arrivalMicros, EventSink sink) throws MalformedDatagramException {
        ByteBuffer d = datagram.order(ByteOrder.LITTLE_ENDIAN);
        int start = d.position();
        int n = DatagramDecoder.records(d, RECORD_BYTES, "t32_x16_y15_on1 events");
        if (times.length < n) {
            times = new long[n];
        }
        Clock32 trial = clock.copy();
        for (int i = 0; i < n; i++) {
            times[i] = trial.unwrap(d.getInt(start + i * RECORD_BYTES) & 0xffffffffL);
            if (i > 0 && times[i] < times[i - 1]) {
                throw DatagramDecoder.timeGoesBack(i, times[i], times[i - 1], "times");
            }
        }
        clock.set(trial);
        for (int i = 0; i < n; i++) {
            int at = start + i * RECORD_BYTES;
            int yOn = d.getShort(at + 6) & 0xffff;
            sink.event(times[i], d.getShort(at + 4) & 0xffff, yOn >>> 1, yOn & 1);
        }
    }
}

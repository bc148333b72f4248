package io.liquidstream.connectors.ingest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The SPIF event layout (SpiNNaker peripheral interface; also AEStream's C++ {@code output udp}):
 * little-endian 32-bit words, bit 31 the "no timestamp" flag, bits 30-16 x, bit 15 polarity, bits 14-0 y.
 * A word with bit 31 set carries no time: its event gets the datagram's arrival time. A word with bit 31
 * clear is followed by a 32-bit microsecond timestamp word (AEStream's {@code --include-timestamp}),
 * unwrapped across datagrams ({@link Clock32}).
 *
 * <p>A datagram is refused whole if its length is not a positive multiple of 4, it ends where a timestamp
 * word should follow, or its timestamps decrease within it.
 */
final class SpifDecoder implements DatagramDecoder {

    static final int NO_TIMESTAMP = 1 << 31;

    private final Clock32 clock = new Clock32();
    private long[] times = new long[256];
    private int[] words = new int[256];

    @Override
    public void decode(ByteBuffer datagram, long arrivalMicros, EventSink sink) throws MalformedDatagramException {
        ByteBuffer d = datagram.order(ByteOrder.LITTLE_ENDIAN);
        int start = d.position();
        int wordCount = DatagramDecoder.records(d, 4, "SPIF words");
        if (times.length < wordCount) {
            times = new long[wordCount];
            words = new int[wordCount];
        }
        Clock32 trial = clock.copy();
        int n = 0;
        long lastStamp = Long.MIN_VALUE;
        for (int w = 0; w < wordCount; w++) {
            int word = d.getInt(start + 4 * w);
            long t;
            if ((word & NO_TIMESTAMP) != 0) {
                t = arrivalMicros;
            } else if (w + 1 < wordCount) {
                w++;
                t = trial.unwrap(d.getInt(start + 4 * w) & 0xffffffffL);
                if (t < lastStamp) {
                    throw DatagramDecoder.timeGoesBack(n, t, lastStamp, "timestamps");
                }
                lastStamp = t;
            } else {
                throw new MalformedDatagramException("word " + w + " of " + wordCount + " announces a timestamp"
                        + " (bit 31 clear) but the datagram ends; expected a timestamp word after it");
            }
            words[n] = word;
            times[n++] = t;
        }
        clock.set(trial);
        for (int i = 0; i < n; i++) {
            int word = words[i];
            sink.event(times[i], (word >>> 16) & 0x7fff, word & 0x7fff, (word >>> 15) & 1);
        }
    }
}

package io.liquidstream.connectors.format.prophesee;

import io.liquidstream.connectors.format.ByteSource;
import io.liquidstream.connectors.format.ChunkedEventReader;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams the CD events of a Prophesee RAW file in EVT 2.0 encoding.
 *
 * <p>After the '%' header ({@code % evt 2.0}, {@code % format EVT2;height=H;width=W}, {@code % end}) come
 * 32-bit little-endian words whose top 4 bits give the type: CD_OFF 0x0 and CD_ON 0x1 (bits 27-22 the 6
 * low timestamp bits, 21-11 x, 10-0 y), EVT_TIME_HIGH 0x8 (bits 27-0 the timestamp bits 6-33),
 * EXT_TRIGGER 0xA, OTHERS 0xE and CONTINUED 0xF (skipped: not CD events). CD words before the first
 * EVT_TIME_HIGH carry no complete time and are skipped, as Prophesee's decoders do. The 34-bit time wraps
 * after about 4.8 hours: a time-high drop of more than half its range counts as a wrap, giving 64-bit times.
 *
 * <p>A header without geometry gives the full 2048x2048 address space.
 */
public final class Evt2Reader extends ChunkedEventReader {

    static final int CD_OFF = 0x0;
    static final int CD_ON = 0x1;
    static final int TIME_HIGH = 0x8;
    static final int EXT_TRIGGER = 0xA;
    static final int OTHERS = 0xE;
    static final int CONTINUED = 0xF;
    static final int LOW_BITS = 6;
    static final int HIGH_BITS = 28;
    private static final long HIGH_MASK = (1L << HIGH_BITS) - 1;

    private final ByteSource in;
    private final TimeHigh high = new TimeHigh(HIGH_BITS);

    private Evt2Reader(Path file, ByteSource in, SensorGeometry geometry) {
        super("evt2", file, geometry, in);
        this.in = in;
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws EventFormatException if the header names another encoding
     */
    public static Evt2Reader open(Path file) throws IOException {
        RawFiles.Opened raw = RawFiles.open(file, "evt2");
        return new Evt2Reader(file, raw.in(), RawFiles.geometry(raw.header()));
    }

    /** Whether {@code head}, a file's first bytes, starts with a RAW header naming EVT 2.0. */
    public static boolean recognises(byte[] head) {
        return RawFiles.names(head, "evt2");
    }

    /** Decodes one word; false at the end of the file. */
    @Override
    protected boolean fill() throws IOException {
        long at = in.offset();
        if (!nextUnit(in, 4, "a 4-byte EVT 2.0 word")) {
            return false;
        }
        int word = in.s32();
        int type = word >>> 28;
        switch (type) {
            case CD_OFF, CD_ON -> {
                if (high.known()) {
                    long t = high.unwrapped() << LOW_BITS | (word >>> 22 & 0x3f);
                    chunk.add(t, word >>> 11 & 0x7ff, word & 0x7ff, type, at);
                }
            }
            case TIME_HIGH -> high.read(word & HIGH_MASK);
            case EXT_TRIGGER, OTHERS, CONTINUED -> {
                // not CD events
            }
            default -> throw chunk.damage(at, String.format("word 0x%08X has unknown type 0x%X; expected 0x0, 0x1,"
                    + " 0x8, 0xA, 0xE or 0xF", word, type));
        }
        return true;
    }
}

package io.liquidstream.connectors.format.prophesee;

import io.liquidstream.connectors.format.ByteSource;
import io.liquidstream.connectors.format.ChunkedEventReader;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams the CD events of a Prophesee RAW file in EVT 3.0 encoding.
 *
 * <p>After the '%' header come 16-bit little-endian words whose top 4 bits give the type; the decoder keeps
 * the state they update: EVT_ADDR_Y 0x0 (y in bits 10-0), EVT_ADDR_X 0x2 (one event: polarity bit 11, x
 * bits 10-0), VECT_BASE_X 0x3 (polarity and base x for vectors), VECT_12 0x4 and VECT_8 0x5 (a mask of
 * events at base x + bit, after which the base advances by 12 or 8), EVT_TIME_LOW 0x6 and EVT_TIME_HIGH
 * 0x8 (the low and high 12 bits of a 24-bit time; a new high clears the low part), and EXT_TRIGGER 0xA,
 * OTHERS 0xE, CONTINUED_4 0x7 and CONTINUED_12 0xF, which carry no CD event and are skipped.
 *
 * <p>The 24-bit time wraps every 16.8 s: a time-high drop of more than half its range counts as a wrap,
 * giving 64-bit times. Events before the first EVT_TIME_HIGH and EVT_ADDR_Y have no complete time or row
 * and are skipped, as Prophesee's decoders do. A header without geometry gives 2048x2048.
 */
public final class Evt3Reader extends ChunkedEventReader {

    static final int ADDR_Y = 0x0;
    static final int ADDR_X = 0x2;
    static final int VECT_BASE_X = 0x3;
    static final int VECT_12 = 0x4;
    static final int VECT_8 = 0x5;
    static final int TIME_LOW = 0x6;
    static final int CONTINUED_4 = 0x7;
    static final int TIME_HIGH = 0x8;
    static final int EXT_TRIGGER = 0xA;
    static final int OTHERS = 0xE;
    static final int CONTINUED_12 = 0xF;
    static final int HALF_BITS = 12;
    private static final int HALF_MASK = (1 << HALF_BITS) - 1;

    private final ByteSource in;
    private boolean rowKnown;
    private final TimeHigh high = new TimeHigh(HALF_BITS);
    private int low;
    private int y;
    private int baseX;
    private int basePolarity;
    /** Events of a vector word not yet delivered because the chunk filled up. */
    private int vectorMask;
    private int vectorX;
    private long vectorOffset;

    private Evt3Reader(Path file, ByteSource in, SensorGeometry geometry) {
        super("evt3", file, geometry, in);
        this.in = in;
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws EventFormatException if the header names another encoding
     */
    public static Evt3Reader open(Path file) throws IOException {
        RawFiles.Opened raw = RawFiles.open(file, "evt3");
        return new Evt3Reader(file, raw.in(), RawFiles.geometry(raw.header()));
    }

    /** Whether {@code head}, a file's first bytes, starts with a RAW header naming EVT 3.0. */
    public static boolean recognises(byte[] head) {
        return RawFiles.names(head, "evt3");
    }

    /** Delivers what is left of a vector word, else decodes one word; false at the end of the file. */
    @Override
    protected boolean fill() throws IOException {
        if (vectorMask != 0) {
            drainVector();
            return true;
        }
        return decodeWord();
    }

    private long time() {
        return high.unwrapped() << HALF_BITS | low;
    }

    private void drainVector() throws EventFormatException {
        while (vectorMask != 0 && !chunk.isFull()) {
            int bit = Integer.numberOfTrailingZeros(vectorMask);
            chunk.add(time(), vectorX + bit, y, basePolarity, vectorOffset);
            vectorMask &= vectorMask - 1;
        }
    }

    /** Decodes one word; false at the end of the file. */
    private boolean decodeWord() throws IOException {
        long at = in.offset();
        if (!nextUnit(in, 2, "a 2-byte EVT 3.0 word")) {
            return false;
        }
        int word = in.u16();
        int type = word >>> 12;
        switch (type) {
            case ADDR_Y -> {
                y = word & 0x7ff;
                rowKnown = true;
            }
            case ADDR_X -> {
                if (high.known() && rowKnown) {
                    chunk.add(time(), word & 0x7ff, y, word >>> 11 & 1, at);
                }
            }
            case VECT_BASE_X -> {
                baseX = word & 0x7ff;
                basePolarity = word >>> 11 & 1;
            }
            case VECT_12, VECT_8 -> {
                int width = type == VECT_12 ? 12 : 8;
                if (high.known() && rowKnown) {
                    vectorMask = word & ((1 << width) - 1);
                    vectorX = baseX;
                    vectorOffset = at;
                }
                baseX += width;
            }
            case TIME_LOW -> low = word & HALF_MASK;
            case TIME_HIGH -> {
                high.read(word & HALF_MASK);
                low = 0;
            }
            case CONTINUED_4, EXT_TRIGGER, OTHERS, CONTINUED_12 -> {
                // no CD event
            }
            default -> throw chunk.damage(at, String.format("word 0x%04X has unknown type 0x%X; expected 0x0, 0x2-0x8,"
                    + " 0xA, 0xE or 0xF", word, type));
        }
        return true;
    }
}

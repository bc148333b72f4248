package io.liquidstream.connectors.format.aedat;

import io.liquidstream.core.event.SensorGeometry;

/**
 * How a jAER chip class packs a polarity event into the 32-bit AEDAT 2.0 address, following jAER's own
 * event extractors (the reference readers of the format).
 *
 * <p>jAER puts (0, 0) at the lower-left corner and mirrors the hardware's x address; both layouts below
 * therefore read {@code x = width - 1 - rawX} and {@code y = rawY}.
 */
public enum Aedat2Layout {

    /**
     * DVS128 (and AEDAT 1.0 era chips): polarity bit 0 (0 = ON, 1 = OFF, as jAER's extractor reads it),
     * x bits 1–7, y bits 8–14; bit 15 or higher marks an external (sync) event, which is skipped.
     */
    DVS128(128, 128, ~0x7fff, 1, 8, 0, true),

    /**
     * DAVIS240/346/640: bit 31 set marks an APS or IMU sample, bit 10 an external input event (both
     * skipped); otherwise polarity bit 11 (1 = ON), x bits 12–21, y bits 22–30.
     */
    DAVIS(1024, 512, 0x8000_0400, 12, 22, 11, false);

    /** A DAVIS record that every reader skips: an external input event at address 0. */
    static final int DAVIS_EXTERNAL_INPUT = 1 << 10;

    private final int maxWidth;
    private final int maxHeight;
    private final int skipBits;
    private final int xShift;
    private final int yShift;
    private final int polarityBit;
    private final boolean onIsZero;

    /**
     * @param maxWidth the x field's range (a power of two: the field is that many values wide)
     * @param maxHeight the y field's range (a power of two)
     * @param skipBits bits that, when any is set, mark a record other than a polarity event
     * @param onIsZero whether the polarity bit reads 0 for ON
     */
    Aedat2Layout(int maxWidth, int maxHeight, int skipBits, int xShift, int yShift, int polarityBit, boolean onIsZero) {
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
        this.skipBits = skipBits;
        this.xShift = xShift;
        this.yShift = yShift;
        this.polarityBit = polarityBit;
        this.onIsZero = onIsZero;
    }

    /** Whether the layout's address bits can hold every pixel of {@code geometry}. */
    public boolean fits(SensorGeometry geometry) {
        return geometry.width() <= maxWidth && geometry.height() <= maxHeight && geometry.polarities() == 2;
    }

    boolean isPolarityEvent(int address) {
        return (address & skipBits) == 0;
    }

    int x(int address, int width) {
        return width - 1 - ((address >>> xShift) & (maxWidth - 1));
    }

    int y(int address) {
        return (address >>> yShift) & (maxHeight - 1);
    }

    int polarity(int address) {
        int bit = (address >>> polarityBit) & 1;
        return onIsZero ? 1 - bit : bit;
    }

    int encode(int x, int y, int p, int width) {
        return (y << yShift) | ((width - 1 - x) << xShift) | ((onIsZero ? 1 - p : p) << polarityBit);
    }
}

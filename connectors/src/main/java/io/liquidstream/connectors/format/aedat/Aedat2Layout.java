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
    DVS128(128, 128) {
        @Override
        boolean isPolarityEvent(int address) {
            return (address & ~0x7fff) == 0;
        }

        @Override
        int x(int address, int width) {
            return width - 1 - ((address >>> 1) & 0x7f);
        }

        @Override
        int y(int address) {
            return (address >>> 8) & 0x7f;
        }

        @Override
        int polarity(int address) {
            return 1 - (address & 1);
        }

        @Override
        int encode(int x, int y, int p, int width) {
            return (y << 8) | ((width - 1 - x) << 1) | (1 - p);
        }
    },

    /**
     * DAVIS240/346/640: bit 31 set marks an APS or IMU sample, bit 10 an external input event (both
     * skipped); otherwise polarity bit 11 (1 = ON), x bits 12–21, y bits 22–30.
     */
    DAVIS(1024, 512) {
        @Override
        boolean isPolarityEvent(int address) {
            return (address & 0x8000_0400) == 0;
        }

        @Override
        int x(int address, int width) {
            return width - 1 - ((address >>> 12) & 0x3ff);
        }

        @Override
        int y(int address) {
            return (address >>> 22) & 0x1ff;
        }

        @Override
        int polarity(int address) {
            return (address >>> 11) & 1;
        }

        @Override
        int encode(int x, int y, int p, int width) {
            return (y << 22) | ((width - 1 - x) << 12) | (p << 11);
        }
    };

    /** A DAVIS record that every reader skips: an external input event at address 0. */
    static final int DAVIS_EXTERNAL_INPUT = 1 << 10;

    private final int maxWidth;
    private final int maxHeight;

    Aedat2Layout(int maxWidth, int maxHeight) {
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
    }

    /** Whether the layout's address bits can hold every pixel of {@code geometry}. */
    public boolean fits(SensorGeometry geometry) {
        return geometry.width() <= maxWidth && geometry.height() <= maxHeight && geometry.polarities() == 2;
    }

    abstract boolean isPolarityEvent(int address);

    abstract int x(int address, int width);

    abstract int y(int address);

    abstract int polarity(int address);

    abstract int encode(int x, int y, int p, int width);
}

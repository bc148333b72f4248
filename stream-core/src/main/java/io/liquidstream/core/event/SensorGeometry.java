package io.liquidstream.core.event;

/**
 * The address space of one event source: a {@code width × height} pixel array with {@code polarities}
 * polarities (vision), or {@code width} channels with {@code height = polarities = 1} (audio cochlea
 * channels, neural electrodes).
 */
public record SensorGeometry(int width, int height, int polarities) {

    public SensorGeometry {
        if (width <= 0 || height <= 0 || polarities <= 0) {
            throw new IllegalArgumentException(
                    "sensor geometry must be positive, found " + width + "x" + height + "x" + polarities);
        }
    }

    /** A one-dimensional source of {@code channels} channels (cochlea, electrode array). */
    public static SensorGeometry channels(int channels) {
        return new SensorGeometry(channels, 1, 1);
    }

    /** A DVS-style pixel array with ON and OFF polarities. */
    public static SensorGeometry pixels(int width, int height) {
        return new SensorGeometry(width, height, 2);
    }

    public boolean contains(int x, int y, int p) {
        return x >= 0 && x < width && y >= 0 && y < height && p >= 0 && p < polarities;
    }

    /** Number of distinct addresses. */
    public int size() {
        return width * height * polarities;
    }
}

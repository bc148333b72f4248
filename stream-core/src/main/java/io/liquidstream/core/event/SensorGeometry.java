package io.liquidstream.core.event;

/**
 * The address space of one event source: a {@code width × height} pixel array with {@code polarities}
 * polarities (vision), or {@code width} channels with {@code height = polarities = 1} (audio cochlea
 * channels, neural electrodes). Its text is the input-spec stage that names it, {@code sensor(34,34,2)}, so
 * messages that name a geometry show what to write in a spec.
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

    /** Whether every address of {@code other} is an address of this geometry. */
    public boolean covers(SensorGeometry other) {
        return other.width <= width && other.height <= height && other.polarities <= polarities;
    }

    /**
     * Reads {@code WxH}, {@code WxHxP} or {@code N} (N channels): {@code 320x240} is a two-polarity
     * camera, {@code 1024} a 1024-channel array, {@code 28x28x1} a one-polarity array.
     *
     * @throws IllegalArgumentException saying what was expected and what was found
     */
    public static SensorGeometry parse(String text) {
        String[] parts = text.strip().split("[xX]", -1);
        try {
            int[] v = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Integer.parseInt(parts[i].strip());
            }
            return switch (v.length) {
                case 1 -> channels(v[0]);
                case 2 -> pixels(v[0], v[1]);
                case 3 -> new SensorGeometry(v[0], v[1], v[2]);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a sensor as WIDTHxHEIGHT[xPOLARITIES] (e.g. 320x240) or "
                    + "CHANNELS (e.g. 1024), found '" + text + "'");
        }
    }

    /** The input-spec stage naming this geometry: {@code sensor(width,height,polarities)}. */
    @Override
    public String toString() {
        return "sensor(" + width + "," + height + "," + polarities + ")";
    }
}

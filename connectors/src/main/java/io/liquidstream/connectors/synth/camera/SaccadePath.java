package io.liquidstream.connectors.synth.camera;

/**
 * The image offset on the sensor during an N-MNIST style recording: three saccades around an
 * isosceles triangle, each taking {@code saccadeMicros}.
 *
 * <p>The triangle's corners, relative to the start, are (0, a), (a/2, 0) and (a, a) for amplitude
 * {@code a} pixels, so the image never leaves an {@code a}-pixel margin. Along each side the speed
 * follows a raised cosine (zero at the corners, twice the mean half-way), as a pan-tilt mount
 * accelerates and brakes; this gives the bell-shaped event rate within each saccade seen in real
 * N-MNIST recordings.
 */
final class SaccadePath {

    private static final double[][] CORNERS = {{0, 1}, {0.5, 0}, {1, 1}};

    private final long saccadeMicros;
    private final double amplitude;

    SaccadePath(long saccadeMicros, double amplitudePixels) {
        this.saccadeMicros = saccadeMicros;
        this.amplitude = amplitudePixels;
    }

    long durationMicros() {
        return 3 * saccadeMicros;
    }

    /** Horizontal offset in pixels at {@code micros}; times past the end stay at the last corner. */
    double x(double micros) {
        return coordinate(micros, 0);
    }

    /** Vertical offset in pixels at {@code micros}. */
    double y(double micros) {
        return coordinate(micros, 1);
    }

    private double coordinate(double micros, int axis) {
        double clamped = Math.max(0, Math.min(micros, durationMicros()));
        int segment = Math.min(2, (int) (clamped / saccadeMicros));
        double tau = clamped / saccadeMicros - segment;
        double progress = tau - Math.sin(2 * Math.PI * tau) / (2 * Math.PI);
        double from = CORNERS[segment][axis];
        double to = CORNERS[(segment + 1) % 3][axis];
        return amplitude * (from + (to - from) * progress);
    }
}

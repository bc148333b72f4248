package io.liquidstream.connectors.synth.camera;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.SplittableRandom;

/**
 * Emulates a DVS pixel array watching a static image that moves, the way N-MNIST was recorded: an
 * event camera on a pan-tilt mount making three ~100 ms saccades in front of a monitor showing a
 * 28×28 MNIST digit, seen by a 34×34 pixel crop.
 *
 * <p>Physics, step by step ({@link Config#frameStepMicros()} apart):
 * <ul>
 *   <li>The image is placed on a dark canvas and shifted along a {@link SaccadePath}; each sensor
 *       pixel samples it at its centre with bilinear sub-pixel interpolation, so edges move
 *       smoothly rather than in whole-pixel jumps.</li>
 *   <li>Grey value {@code g} becomes intensity {@code I = b + (1 - b) g} with a background level
 *       {@code b > 0} (the monitor's black is not black), and the pixel works on {@code ln I}.</li>
 *   <li>Each pixel remembers a reference log-intensity. When {@code ln I - ref} reaches its ON
 *       threshold (or falls to minus its OFF threshold) it emits one event per threshold crossed,
 *       each timed by linear interpolation of {@code ln I} inside the step, and moves the reference
 *       by the thresholds crossed. The ON and OFF thresholds of each pixel are the nominal contrast
 *       plus a Gaussian mismatch fixed for the sensor instance by {@link Config#sensorSeed()}.</li>
 *   <li>After an event a pixel is blind for the refractory period: crossings inside it are lost,
 *       though the reference still follows the input, as a DVS pixel held in reset does.</li>
 *   <li>Background activity: each pixel fires Poisson noise events (ON or OFF with equal chance) at
 *       {@link Config#backgroundRatePerPixelHz()}; they obey and restart the refractory period but
 *       leave the reference alone.</li>
 *   <li>Each recording starts with the references at the first frame's log-intensity plus a random
 *       offset inside the thresholds, standing for the unknown history of the pixel.</li>
 * </ul>
 * The output is time-sorted on a {@code width × height × 2} geometry (p = 1 ON, brighter; p = 0
 * OFF) and is a pure function of the configuration, the image and the recording seed. An instance
 * is immutable and may be shared between threads.
 */
public final class EventCameraEmulator {

    /** Log-intensity lookup resolution over grey values [0, 1]; interpolation error is ~1e-5. */
    private static final int LOG_TABLE_SEGMENTS = 1024;

    /**
     * Sensor and recording parameters.
     *
     * @param sensorWidth sensor columns
     * @param sensorHeight sensor rows
     * @param contrastThreshold nominal ON and OFF threshold, in natural-log intensity units
     * @param thresholdMismatch standard deviation of each pixel's thresholds around the nominal, in
     *     log units; thresholds are kept at or above a quarter of the nominal
     * @param refractoryMicros time a pixel stays blind after an event
     * @param backgroundRatePerPixelHz Poisson noise rate of every pixel
     * @param frameStepMicros simulation step
     * @param saccadeMicros duration of each of the three saccades
     * @param saccadeAmplitudePixels size of the saccade triangle (its base and height)
     * @param backgroundIntensity intensity of grey value 0, relative to white = 1; keeps the log finite
     * @param sensorSeed fixes the per-pixel threshold mismatch of this sensor instance
     */
    public record Config(int sensorWidth, int sensorHeight, double contrastThreshold, double thresholdMismatch,
            long refractoryMicros, double backgroundRatePerPixelHz, long frameStepMicros, long saccadeMicros,
            double saccadeAmplitudePixels, double backgroundIntensity, long sensorSeed) {

        public Config {
            require(sensorWidth > 0 && sensorHeight > 0, "sensor size must be positive", sensorWidth + "x" + sensorHeight);
            require(contrastThreshold > 0, "contrastThreshold must be positive", contrastThreshold);
            require(thresholdMismatch >= 0, "thresholdMismatch must not be negative", thresholdMismatch);
            require(refractoryMicros >= 0, "refractoryMicros must not be negative", refractoryMicros);
            require(backgroundRatePerPixelHz >= 0, "backgroundRatePerPixelHz must not be negative",
                    backgroundRatePerPixelHz);
            require(frameStepMicros > 0, "frameStepMicros must be positive", frameStepMicros);
            require(saccadeMicros >= frameStepMicros, "saccadeMicros must be at least one frame step", saccadeMicros);
            require(saccadeAmplitudePixels >= 0, "saccadeAmplitudePixels must not be negative", saccadeAmplitudePixels);
            require(backgroundIntensity > 0 && backgroundIntensity < 1, "backgroundIntensity must lie in (0, 1)",
                    backgroundIntensity);
        }

        /**
         * N-MNIST-like defaults: a 34×34 crop, three 100 ms saccades over a 6-pixel triangle, a 1 ms
         * step, a 25% log-contrast threshold with 0.03 mismatch, a 1 ms refractory period (a real
         * N-MNIST recording shows almost no same-pixel gaps under ~1.7 ms) and 0.2 Hz background
         * noise. Black is a quarter of white: a monitor's black level and lens flare cut the
         * contrast the sensor sees. With these, real MNIST digits give ~4,500 events on average
         * (about 2,700 for a "1", 5,400 for a "0"), close to real N-MNIST samples.
         */
        public static Config nmnist() {
            return new Config(34, 34, 0.25, 0.03, 1_000, 0.2, 1_000, 100_000, 6.0, 0.25, 0x4E4D4E495354L);
        }

        /**
         * The N-MNIST-like recording on a {@code width × height} sensor, its saccades scaled by the
         * sensor's shorter side over N-MNIST's 34, so a scene scaled alike moves the same way in it.
         */
        public static Config nmnistOn(int width, int height) {
            Config n = nmnist();
            double scale = Math.min(width, height) / 34.0;
            return new Config(width, height, n.contrastThreshold, n.thresholdMismatch, n.refractoryMicros,
                    n.backgroundRatePerPixelHz, n.frameStepMicros, n.saccadeMicros, n.saccadeAmplitudePixels * scale,
                    n.backgroundIntensity, n.sensorSeed);
        }

        /** The same configuration with another saccade amplitude (0 keeps the scene still). */
        public Config withSaccadeAmplitude(double pixels) {
            return new Config(sensorWidth, sensorHeight, contrastThreshold, thresholdMismatch, refractoryMicros,
                    backgroundRatePerPixelHz, frameStepMicros, saccadeMicros, pixels, backgroundIntensity, sensorSeed);
        }

        private static void require(boolean ok, String expectation, Object found) {
            if (!ok) {
                throw new IllegalArgumentException(expectation + ", found " + found);
            }
        }
    }

    private final Config config;
    private final SensorGeometry geometry;
    private final double[] onThreshold;
    private final double[] offThreshold;
    private final double[] logTable;

    public EventCameraEmulator(Config config) {
        this.config = config;
        this.geometry = SensorGeometry.pixels(config.sensorWidth(), config.sensorHeight());
        int n = config.sensorWidth() * config.sensorHeight();
        onThreshold = new double[n];
        offThreshold = new double[n];
        SplittableRandom sensor = new SplittableRandom(config.sensorSeed());
        double floor = 0.25 * config.contrastThreshold();
        for (int i = 0; i < n; i++) {
            onThreshold[i] = Math.max(floor, config.contrastThreshold() + config.thresholdMismatch() * sensor.nextGaussian());
            offThreshold[i] = Math.max(floor, config.contrastThreshold() + config.thresholdMismatch() * sensor.nextGaussian());
        }
        logTable = new double[LOG_TABLE_SEGMENTS + 2];
        double b = config.backgroundIntensity();
        for (int i = 0; i < logTable.length; i++) {
            logTable[i] = Math.log(b + (1 - b) * Math.min(1.0, (double) i / LOG_TABLE_SEGMENTS));
        }
    }

    public Config config() {
        return config;
    }

    public SensorGeometry geometry() {
        return geometry;
    }

    /**
     * Records one image through the three saccades.
     *
     * @param image row-major grey values in [0, 1], {@code imgWidth × imgHeight} of them
     * @param seed drives this recording's noise and initial references
     * @return events on the {@code sensorWidth × sensorHeight × 2} geometry, from time 0 to about
     *     {@code 3 × saccadeMicros}
     * @throws IllegalArgumentException if the image size does not match or a value lies outside [0, 1]
     */
    public Events record(float[] image, int imgWidth, int imgHeight, long seed) {
        if (imgWidth <= 0 || imgHeight <= 0 || image.length != imgWidth * imgHeight) {
            throw new IllegalArgumentException("expected " + imgWidth + "x" + imgHeight + " = "
                    + (long) imgWidth * imgHeight + " grey values, found " + image.length);
        }
        for (int i = 0; i < image.length; i++) {
            if (!(image[i] >= 0f && image[i] <= 1f)) {
                throw new IllegalArgumentException("grey value at index " + i + " (x=" + i % imgWidth + ", y="
                        + i / imgWidth + ") must lie in [0, 1], found " + image[i]);
            }
        }
        return new Recording(image, imgWidth, imgHeight, seed).run();
    }

    /** The mutable state of one recording; lives only inside {@link #record}. */
    private final class Recording {
        private final int width = config.sensorWidth();
        private final int height = config.sensorHeight();
        private final int pad;
        private final int paddedWidth;
        private final float[] padded;
        private final double originX;
        private final double originY;
        private final SaccadePath path = new SaccadePath(config.saccadeMicros(), config.saccadeAmplitudePixels());
        private final SplittableRandom random;
        private final double[] reference;
        private final long[] lastEvent;
        private final double[] nextNoise;
        private final EventBuffer out = new EventBuffer();
        private double[] previous;
        private double[] current;

        Recording(float[] image, int imgWidth, int imgHeight, long seed) {
            // Centre the image and its saccade triangle on the sensor.
            originX = (width - imgWidth - config.saccadeAmplitudePixels()) / 2.0;
            originY = (height - imgHeight - config.saccadeAmplitudePixels()) / 2.0;
            // A dark border wide enough that every pixel's bilinear footprint, at every offset,
            // lands inside the padded image, so sampling needs no bounds checks (an image larger
            // than the sensor needs none; one pixel is kept anyway).
            double amplitude = config.saccadeAmplitudePixels();
            pad = Math.max(1, 2 + (int) Math.ceil(Math.max(Math.max(originX + amplitude, originY + amplitude),
                    Math.max(width - imgWidth - originX, height - imgHeight - originY))));
            paddedWidth = imgWidth + 2 * pad;
            padded = new float[paddedWidth * (imgHeight + 2 * pad)];
            for (int r = 0; r < imgHeight; r++) {
                System.arraycopy(image, r * imgWidth, padded, (r + pad) * paddedWidth + pad, imgWidth);
            }
            random = new SplittableRandom(seed);
            int n = width * height;
            reference = new double[n];
            lastEvent = new long[n];
            nextNoise = new double[n];
            previous = new double[n];
            current = new double[n];
        }

        Events run() {
            render(0, previous);
            long step = config.frameStepMicros();
            for (int i = 0; i < reference.length; i++) {
                reference[i] = previous[i] - onThreshold[i] + random.nextDouble() * (onThreshold[i] + offThreshold[i]);
                lastEvent[i] = Long.MIN_VALUE / 4;
                nextNoise[i] = noiseInterval();
            }
            long steps = (path.durationMicros() + step - 1) / step;
            for (long k = 1; k <= steps; k++) {
                long from = (k - 1) * step;
                long to = k * step;
                render(to, current);
                int stepStart = out.size();
                for (int i = 0; i < reference.length; i++) {
                    advancePixel(i, from, to);
                }
                out.sortFrom(stepStart);
                double[] swap = previous;
                previous = current;
                current = swap;
            }
            return out.toEvents(geometry);
        }

        private void advancePixel(int i, long from, long to) {
            double before = previous[i];
            double now = current[i];
            double change = now - reference[i];
            int polarity;
            double threshold;
            if (change >= onThreshold[i]) {
                polarity = 1;
                threshold = onThreshold[i];
            } else if (change <= -offThreshold[i]) {
                polarity = 0;
                threshold = -offThreshold[i];
            } else {
                emitNoiseUpTo(i, to);
                return;
            }
            int crossings = (int) (change / threshold);
            double slope = now - before;
            for (int j = 1; j <= crossings; j++) {
                double level = reference[i] + j * threshold;
                double fraction = slope == 0 ? 1 : Math.max(0, Math.min(1, (level - before) / slope));
                long time = from + Math.round(fraction * (to - from));
                emitNoiseUpTo(i, time);
                emit(i, time, polarity);
            }
            reference[i] += crossings * threshold;
            emitNoiseUpTo(i, to);
        }

        private void emitNoiseUpTo(int i, double time) {
            while (nextNoise[i] <= time) {
                emit(i, Math.round(nextNoise[i]), random.nextBoolean() ? 1 : 0);
                nextNoise[i] += noiseInterval();
            }
        }

        private void emit(int i, long time, int polarity) {
            if (time - lastEvent[i] < config.refractoryMicros()) {
                return;
            }
            lastEvent[i] = time;
            out.add(time, i % width, i / width, polarity);
        }

        private double noiseInterval() {
            double rate = config.backgroundRatePerPixelHz();
            return rate == 0 ? Double.POSITIVE_INFINITY : -Math.log(1 - random.nextDouble()) * 1e6 / rate;
        }

        /**
         * Log-intensity seen by every pixel when the image is offset as at {@code micros}. The
         * whole image shifts by the same sub-pixel amount, so the four bilinear weights are shared
         * by all pixels of a step.
         */
        private void render(double micros, double[] log) {
            // Pixel centre (sx, sy) sees image point (sx - dx, sy - dy), i.e. padded (sx + shiftX, sy + shiftY).
            double shiftX = pad - originX - path.x(micros);
            double shiftY = pad - originY - path.y(micros);
            int baseX = (int) Math.floor(shiftX);
            int baseY = (int) Math.floor(shiftY);
            double fx = shiftX - baseX;
            double fy = shiftY - baseY;
            double w00 = (1 - fx) * (1 - fy);
            double w10 = fx * (1 - fy);
            double w01 = (1 - fx) * fy;
            double w11 = fx * fy;
            for (int sy = 0; sy < height; sy++) {
                int row = (sy + baseY) * paddedWidth + baseX;
                int out = sy * width;
                for (int sx = 0; sx < width; sx++) {
                    int k = row + sx;
                    double grey = w00 * padded[k] + w10 * padded[k + 1]
                            + w01 * padded[k + paddedWidth] + w11 * padded[k + paddedWidth + 1];
                    log[out + sx] = logIntensity(grey);
                }
            }
        }

        private double logIntensity(double grey) {
            // Rounding can leave grey a hair outside [0, 1]; clamp before indexing the table.
            double position = Math.max(0, Math.min(1, grey)) * LOG_TABLE_SEGMENTS;
            int index = (int) position;
            return logTable[index] + (position - index) * (logTable[index + 1] - logTable[index]);
        }
    }
}

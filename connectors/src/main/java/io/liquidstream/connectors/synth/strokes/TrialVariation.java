package io.liquidstream.connectors.synth.strokes;

import java.util.SplittableRandom;

/**
 * Per-trial variation of a written character, as between repetitions by one writer or between
 * writers: an affine jitter (scale, aspect, rotation, shear, translation about the box centre), a
 * smooth elastic deformation, smooth positional tremor, a smooth non-linear time warp and an
 * overall speed change.
 *
 * <p>Every random draw comes from the caller's {@link SplittableRandom}, so one seed gives one
 * trial. Varied trajectories may leave the unit box slightly; the renderer clips.
 */
public final class TrialVariation {

    /** Time-warp harmonics; their summed amplitude is kept below one so that time never runs backwards. */
    private static final int WARP_HARMONICS = 3;
    private static final double MAX_WARP = 0.8;
    /** Elastic deformation uses a few low spatial frequencies (cycles across the box). */
    private static final int ELASTIC_WAVES = 3;
    /** Tremor is white noise smoothed over about this many seconds. */
    private static final double TREMOR_SECONDS = 0.04;

    /**
     * Standard deviations of the variation; {@code scaleSd}, {@code aspectSd} and {@code speedSd} are
     * of the natural logarithm, angles are in radians, distances in unit-box lengths, and
     * {@code warpSd} is the amplitude of each time-warp harmonic as a fraction of the duration.
     */
    public record Config(double scaleSd, double aspectSd, double rotationSd, double shearSd, double translationSd,
            double elasticSd, double tremorSd, double warpSd, double speedSd) {

        public Config {
            double[] all = {scaleSd, aspectSd, rotationSd, shearSd, translationSd, elasticSd, tremorSd, warpSd, speedSd};
            for (double v : all) {
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("variation standard deviations must be finite and >= 0, found "
                            + this);
                }
            }
        }

        /** Variation that keeps digits clearly recognisable while no two trials look alike. */
        public static Config defaults() {
            return new Config(0.08, 0.07, 0.10, 0.12, 0.015, 0.012, 0.003, 0.10, 0.15);
        }

        /** No variation at all: {@link #apply} returns the template's samples unchanged. */
        public static Config none() {
            return new Config(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    private final Config cfg;

    public TrialVariation(Config cfg) {
        this.cfg = cfg;
    }

    public Config config() {
        return cfg;
    }

    /** A varied copy of {@code template}, sampled at the template's rate. */
    public PenTrajectory apply(PenTrajectory template, SplittableRandom rng) {
        int n = template.size();
        double[] x = template.x();
        double[] y = template.y();
        affine(x, y, rng);
        elastic(x, y, rng);
        tremor(x, rng, template.sampleRateHz());
        tremor(y, rng, template.sampleRateHz());
        double speed = Math.exp(cfg.speedSd * rng.nextGaussian());
        double[] warp = new double[WARP_HARMONICS];
        double sum = 0;
        for (int k = 0; k < WARP_HARMONICS; k++) {
            warp[k] = cfg.warpSd * rng.nextGaussian();
            sum += Math.abs(warp[k]);
        }
        if (sum > MAX_WARP) {
            for (int k = 0; k < WARP_HARMONICS; k++) {
                warp[k] *= MAX_WARP / sum;
            }
        }
        return retime(x, y, template.penDown(), template.sampleRateHz(), n, speed, warp);
    }

    private void affine(double[] x, double[] y, SplittableRandom rng) {
        double scale = Math.exp(cfg.scaleSd * rng.nextGaussian());
        double aspect = Math.exp(cfg.aspectSd * rng.nextGaussian());
        double sx = scale * aspect;
        double sy = scale / aspect;
        double rot = cfg.rotationSd * rng.nextGaussian();
        double shear = cfg.shearSd * rng.nextGaussian();
        double tx = cfg.translationSd * rng.nextGaussian();
        double ty = cfg.translationSd * rng.nextGaussian();
        double cos = Math.cos(rot);
        double sin = Math.sin(rot);
        for (int i = 0; i < x.length; i++) {
            // Scale, then shear (a slant of the writing), then rotate, all about the box centre.
            double u = (x[i] - 0.5) * sx;
            double v = (y[i] - 0.5) * sy;
            u += shear * v;
            x[i] = 0.5 + tx + cos * u - sin * v;
            y[i] = 0.5 + ty + sin * u + cos * v;
        }
    }

    private void elastic(double[] x, double[] y, SplittableRandom rng) {
        if (cfg.elasticSd == 0) {
            return;
        }
        for (int w = 0; w < ELASTIC_WAVES; w++) {
            double ax = cfg.elasticSd * rng.nextGaussian();
            double ay = cfg.elasticSd * rng.nextGaussian();
            double kx = 2 * Math.PI * (0.5 + rng.nextDouble());
            double ky = 2 * Math.PI * (0.5 + rng.nextDouble());
            double phase = 2 * Math.PI * rng.nextDouble();
            for (int i = 0; i < x.length; i++) {
                double ox = x[i];
                double oy = y[i];
                x[i] += ax * Math.sin(ky * oy + phase);
                y[i] += ay * Math.sin(kx * ox + phase);
            }
        }
    }

    private void tremor(double[] v, SplittableRandom rng, double rate) {
        if (cfg.tremorSd == 0) {
            return;
        }
        double alpha = Math.min(1, 1 / (TREMOR_SECONDS * rate));
        // A first-order low-pass of white noise has variance alpha / (2 - alpha) of its input's.
        double inputSd = cfg.tremorSd * Math.sqrt((2 - alpha) / alpha);
        double state = cfg.tremorSd * rng.nextGaussian();
        for (int i = 0; i < v.length; i++) {
            state += alpha * (inputSd * rng.nextGaussian() - state);
            v[i] += state;
        }
    }

    /**
     * Resamples so that output time τ reads the template at w(τ/T')·T with
     * w(s) = s + Σ a_k sin(kπs)/(kπ), which keeps both ends fixed and is monotone while Σ|a_k| < 1.
     */
    private static PenTrajectory retime(double[] x, double[] y, boolean[] down, double rate, int n, double speed,
            double[] warp) {
        double duration = (n - 1) / rate;
        int m = Math.max(2, (int) Math.round(duration / speed * rate) + 1);
        double[] xs = new double[m];
        double[] ys = new double[m];
        boolean[] ds = new boolean[m];
        for (int j = 0; j < m; j++) {
            double s = (double) j / (m - 1);
            double w = s;
            for (int k = 0; k < warp.length; k++) {
                w += warp[k] * Math.sin((k + 1) * Math.PI * s) / ((k + 1) * Math.PI);
            }
            double pos = Math.max(0, Math.min(n - 1, w * (n - 1)));
            if (Math.abs(pos - Math.rint(pos)) < 1e-9) {
                pos = Math.rint(pos); // lands on a template sample: keep its pen state exactly
            }
            int i = Math.min(n - 2, (int) pos);
            double f = pos - i;
            xs[j] = x[i] + f * (x[i + 1] - x[i]);
            ys[j] = y[i] + f * (y[i + 1] - y[i]);
            ds[j] = f == 0 ? down[i] : down[i] && down[i + 1];
        }
        return new PenTrajectory(xs, ys, ds, rate);
    }
}

package io.liquidstream.connectors.synth.strokes;

import java.util.Arrays;

/**
 * A pen trajectory sampled at a fixed rate: positions in the unit box (x to the right, y downwards,
 * as in an image), and whether the pen touches the paper at each sample.
 *
 * <p>Sample {@code i} lies at time {@code i / sampleRateHz} seconds. The arrays are copied on the
 * way in and on the way out, so a trajectory is immutable.
 */
public record PenTrajectory(double[] x, double[] y, boolean[] penDown, double sampleRateHz) {

    public PenTrajectory {
        if (x.length != y.length || x.length != penDown.length) {
            throw new IllegalArgumentException("trajectory columns differ in length: x=" + x.length + " y="
                    + y.length + " penDown=" + penDown.length);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("a trajectory needs at least 2 samples, found " + x.length);
        }
        if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be positive and finite, found " + sampleRateHz);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("sample " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
            }
        }
        x = x.clone();
        y = y.clone();
        penDown = penDown.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public boolean[] penDown() {
        return penDown.clone();
    }

    public int size() {
        return x.length;
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public boolean penDown(int i) {
        return penDown[i];
    }

    /** Time from the first to the last sample. */
    public double durationSeconds() {
        return (x.length - 1) / sampleRateHz;
    }

    /** Horizontal velocity in unit-box widths per second (central differences, one-sided at the ends). */
    public double[] velocityX() {
        return derivative(x);
    }

    /** Vertical velocity in unit-box heights per second, positive downwards. */
    public double[] velocityY() {
        return derivative(y);
    }

    /** Pen speed in unit-box lengths per second. */
    public double[] speed() {
        double[] vx = velocityX();
        double[] vy = velocityY();
        double[] s = new double[vx.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.hypot(vx[i], vy[i]);
        }
        return s;
    }

    /** Number of separate pen-down runs (strokes). */
    public int strokes() {
        int runs = 0;
        for (int i = 0; i < penDown.length; i++) {
            if (penDown[i] && (i == 0 || !penDown[i - 1])) {
                runs++;
            }
        }
        return runs;
    }

    /** Number of pen-up moves between strokes (leading and trailing pen-up samples do not count). */
    public int penUpMoves() {
        return Math.max(0, strokes() - 1);
    }

    private double[] derivative(double[] v) {
        int n = v.length;
        double[] d = new double[n];
        d[0] = (v[1] - v[0]) * sampleRateHz;
        d[n - 1] = (v[n - 1] - v[n - 2]) * sampleRateHz;
        for (int i = 1; i < n - 1; i++) {
            d[i] = (v[i + 1] - v[i - 1]) * sampleRateHz * 0.5;
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PenTrajectory t && t.sampleRateHz == sampleRateHz && Arrays.equals(t.x, x)
                && Arrays.equals(t.y, y) && Arrays.equals(t.penDown, penDown);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(x) + Arrays.hashCode(y)) + Arrays.hashCode(penDown))
                + Double.hashCode(sampleRateHz);
    }

    @Override
    public String toString() {
        return "PenTrajectory[" + x.length + " samples at " + sampleRateHz + " Hz, " + strokes() + " strokes, "
                + String.format("%.3f", durationSeconds()) + " s]";
    }
}

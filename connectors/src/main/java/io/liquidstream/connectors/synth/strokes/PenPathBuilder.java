package io.liquidstream.connectors.synth.strokes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link PenTrajectory} from strokes drawn through control points, paced like real handwriting.
 *
 * <p>Each stroke is one or more smooth pieces (centripetal Catmull-Rom splines through the given
 * points); where one piece ends and the next begins the stroke has a sharp corner. The pen slows
 * down where the path curves, following the two-thirds power law of human drawing (speed ∝
 * curvature<sup>-1/3</sup>), speeds up from rest at each stroke start and slows at its end. Between
 * strokes the pen lifts and travels straight to the next start with a minimum-jerk profile.
 */
public final class PenPathBuilder {

    /**
     * Dense path spacing (unit-box lengths): fine enough that speed, held constant between dense
     * points, still ramps smoothly at 200 Hz and more.
     */
    private static final double DENSE_SPACING = 0.004;
    private static final int MIN_POINTS_PER_SEGMENT = 8;
    private static final int PEN_UP_POINTS = 24;
    /** Curvature bounds (1/unit) for the power law: straight lines do not run away, corners do not stop dead. */
    private static final double MIN_CURVATURE = 1.0;
    private static final double MAX_CURVATURE = 300.0;
    /** Arc length over which the pen gains or loses full speed (relative speed 1 on straight lines). */
    private static final double RAMP_LENGTH = 0.08;
    /** Relative speed at the start and end of a stroke; not zero, so that a stroke takes finite time. */
    private static final double REST_SPEED = 0.05;
    private static final double PEN_UP_BASE_SECONDS = 0.08;
    private static final double PEN_UP_SECONDS_PER_UNIT = 0.25;

    private final double sampleRateHz;
    private final List<double[][]> strokes = new ArrayList<>();

    public PenPathBuilder(double sampleRateHz) {
        if (!(sampleRateHz > 0)) {
            throw new IllegalArgumentException("sample rate must be positive, found " + sampleRateHz);
        }
        this.sampleRateHz = sampleRateHz;
    }

    /**
     * Adds a stroke. Each argument is one smooth piece given as x,y pairs; a piece after the first
     * starts implicitly at the previous piece's last point, which becomes a corner.
     */
    public PenPathBuilder stroke(double[]... pieces) {
        if (pieces.length == 0) {
            throw new IllegalArgumentException("stroke " + strokes.size() + " has no pieces");
        }
        List<double[]> dense = new ArrayList<>();
        double[] previousEnd = null;
        for (int k = 0; k < pieces.length; k++) {
            double[] piece = pieces[k];
            if (piece.length % 2 != 0) {
                throw new IllegalArgumentException("stroke " + strokes.size() + " piece " + k
                        + " needs x,y pairs, found " + piece.length + " numbers");
            }
            double[] points = previousEnd == null ? piece : prepend(previousEnd, piece);
            if (points.length < 4) {
                throw new IllegalArgumentException("stroke " + strokes.size() + " piece " + k
                        + " needs at least 2 points, found " + points.length / 2);
            }
            List<double[]> spline = catmullRom(points);
            dense.addAll(dense.isEmpty() ? spline : spline.subList(1, spline.size()));
            previousEnd = new double[] {points[points.length - 2], points[points.length - 1]};
        }
        strokes.add(dense.toArray(new double[0][]));
        return this;
    }

    /** Builds with writing time 0.3 s + 0.3 s per unit of ink length, kept within 0.5..1.4 s. */
    public PenTrajectory build() {
        double length = 0;
        for (double[][] s : strokes) {
            length += arcLength(s);
        }
        return build(Math.max(0.5, Math.min(1.4, 0.3 + 0.3 * length)));
    }

    /** Builds so that the pen-down parts together take {@code writingSeconds}; pen-up moves come on top. */
    public PenTrajectory build(double writingSeconds) {
        if (strokes.isEmpty()) {
            throw new IllegalStateException("no strokes added");
        }
        if (!(writingSeconds > 0)) {
            throw new IllegalArgumentException("writing time must be positive, found " + writingSeconds);
        }
        List<double[]> timeSteps = new ArrayList<>();
        double rawWriting = 0;
        for (double[][] s : strokes) {
            double[] dt = strokeTimeSteps(s);
            for (double d : dt) {
                rawWriting += d;
            }
            timeSteps.add(dt);
        }
        double scale = writingSeconds / rawWriting;
        Knots knots = new Knots();
        double t = 0;
        for (int k = 0; k < strokes.size(); k++) {
            double[][] s = strokes.get(k);
            if (k > 0) {
                t = penUpMove(knots, t, strokes.get(k - 1)[strokes.get(k - 1).length - 1], s[0]);
            }
            double[] dt = timeSteps.get(k);
            knots.add(t, s[0][0], s[0][1], true);
            for (int i = 1; i < s.length; i++) {
                t += dt[i - 1] * scale;
                knots.add(t, s[i][0], s[i][1], true);
            }
        }
        return knots.resample(sampleRateHz);
    }

    private static double penUpMove(Knots knots, double t, double[] from, double[] to) {
        double distance = Math.hypot(to[0] - from[0], to[1] - from[1]);
        double duration = PEN_UP_BASE_SECONDS + PEN_UP_SECONDS_PER_UNIT * distance;
        for (int j = 1; j < PEN_UP_POINTS; j++) {
            double tau = (double) j / PEN_UP_POINTS;
            double s = minimumJerk(tau);
            knots.add(t + tau * duration, from[0] + s * (to[0] - from[0]), from[1] + s * (to[1] - from[1]), false);
        }
        return t + duration;
    }

    /** Position fraction of a minimum-jerk point-to-point move at time fraction {@code tau}. */
    static double minimumJerk(double tau) {
        return tau * tau * tau * (10 - 15 * tau + 6 * tau * tau);
    }

    /** Time to travel each segment of a dense stroke, up to one common factor. */
    private static double[] strokeTimeSteps(double[][] s) {
        int n = s.length;
        double[] seg = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            seg[i] = Math.hypot(s[i + 1][0] - s[i][0], s[i + 1][1] - s[i][1]);
        }
        double[] speed = new double[n];
        for (int i = 0; i < n; i++) {
            double kappa = MIN_CURVATURE;
            if (i > 0 && i < n - 1 && seg[i - 1] > 0 && seg[i] > 0) {
                double a1 = Math.atan2(s[i][1] - s[i - 1][1], s[i][0] - s[i - 1][0]);
                double a2 = Math.atan2(s[i + 1][1] - s[i][1], s[i + 1][0] - s[i][0]);
                double turn = Math.abs(Math.IEEEremainder(a2 - a1, 2 * Math.PI));
                kappa = turn / (0.5 * (seg[i - 1] + seg[i]));
            }
            speed[i] = Math.pow(Math.max(MIN_CURVATURE, Math.min(MAX_CURVATURE, kappa)), -1.0 / 3);
        }
        // The pen starts and ends near rest and its acceleration is bounded (v² grows at most linearly
        // with path), so it brakes before corners and accelerates out of them over about RAMP_LENGTH.
        speed[0] = Math.min(speed[0], REST_SPEED);
        speed[n - 1] = Math.min(speed[n - 1], REST_SPEED);
        double twiceAccel = 1 / RAMP_LENGTH;
        for (int i = 1; i < n; i++) {
            speed[i] = Math.min(speed[i], Math.sqrt(speed[i - 1] * speed[i - 1] + twiceAccel * seg[i - 1]));
        }
        for (int i = n - 2; i >= 0; i--) {
            speed[i] = Math.min(speed[i], Math.sqrt(speed[i + 1] * speed[i + 1] + twiceAccel * seg[i]));
        }
        double[] dt = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            dt[i] = seg[i] / (0.5 * (speed[i] + speed[i + 1]));
        }
        return dt;
    }

    private static double arcLength(double[][] s) {
        double len = 0;
        for (int i = 1; i < s.length; i++) {
            len += Math.hypot(s[i][0] - s[i - 1][0], s[i][1] - s[i - 1][1]);
        }
        return len;
    }

    private static double[] prepend(double[] point, double[] rest) {
        double[] out = new double[rest.length + 2];
        out[0] = point[0];
        out[1] = point[1];
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }

    /** Dense points of a centripetal Catmull-Rom spline through all given points, ends extended by reflection. */
    private static List<double[]> catmullRom(double[] xy) {
        int m = xy.length / 2;
        double[][] p = new double[m + 2][];
        for (int i = 0; i < m; i++) {
            p[i + 1] = new double[] {xy[2 * i], xy[2 * i + 1]};
        }
        p[0] = new double[] {2 * p[1][0] - p[2][0], 2 * p[1][1] - p[2][1]};
        p[m + 1] = new double[] {2 * p[m][0] - p[m - 1][0], 2 * p[m][1] - p[m - 1][1]};
        List<double[]> out = new ArrayList<>();
        out.add(p[1].clone());
        for (int i = 1; i < m; i++) {
            double chord = Math.hypot(p[i + 1][0] - p[i][0], p[i + 1][1] - p[i][1]);
            int points = Math.max(MIN_POINTS_PER_SEGMENT, (int) Math.ceil(chord / DENSE_SPACING));
            for (int j = 1; j <= points; j++) {
                out.add(centripetal(p[i - 1], p[i], p[i + 1], p[i + 2], (double) j / points));
            }
        }
        return out;
    }

    /** Barry-Goldman evaluation of the segment from p1 to p2 at fraction u, knot spacing |Δp|^0.5. */
    private static double[] centripetal(double[] p0, double[] p1, double[] p2, double[] p3, double u) {
        double t0 = 0;
        double t1 = t0 + knot(p0, p1);
        double t2 = t1 + knot(p1, p2);
        double t3 = t2 + knot(p2, p3);
        double t = t1 + u * (t2 - t1);
        double[] out = new double[2];
        for (int d = 0; d < 2; d++) {
            double a1 = lerp(p0[d], p1[d], t0, t1, t);
            double a2 = lerp(p1[d], p2[d], t1, t2, t);
            double a3 = lerp(p2[d], p3[d], t2, t3, t);
            double b1 = lerp(a1, a2, t0, t2, t);
            double b2 = lerp(a2, a3, t1, t3, t);
            out[d] = lerp(b1, b2, t1, t2, t);
        }
        return out;
    }

    private static double knot(double[] a, double[] b) {
        // A floor keeps coincident control points from dividing by zero.
        return Math.max(1e-6, Math.sqrt(Math.hypot(b[0] - a[0], b[1] - a[1])));
    }

    private static double lerp(double a, double b, double ta, double tb, double t) {
        return ((tb - t) * a + (t - ta) * b) / (tb - ta);
    }

    /** Time-stamped path points, resampled at a fixed rate by linear interpolation. */
    static final class Knots {
        private double[] t = new double[256];
        private double[] x = new double[256];
        private double[] y = new double[256];
        private boolean[] down = new boolean[256];
        private int size;

        void add(double time, double xx, double yy, boolean penDown) {
            if (size == t.length) {
                t = Arrays.copyOf(t, size * 2);
                x = Arrays.copyOf(x, size * 2);
                y = Arrays.copyOf(y, size * 2);
                down = Arrays.copyOf(down, size * 2);
            }
            if (size > 0 && time < t[size - 1]) {
                throw new IllegalArgumentException("knot times must not decrease: " + time + " after " + t[size - 1]);
            }
            t[size] = time;
            x[size] = xx;
            y[size] = yy;
            down[size] = penDown;
            size++;
        }

        /** Samples at {@code k / rate}; the pen is down on an interval only if it is down at both its ends. */
        PenTrajectory resample(double rate) {
            double start = t[0];
            double duration = t[size - 1] - start;
            int n = Math.max(2, (int) Math.ceil(duration * rate - 1e-9) + 1);
            double[] xs = new double[n];
            double[] ys = new double[n];
            boolean[] ds = new boolean[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                double ts = Math.min(start + i / rate, t[size - 1]);
                while (k < size - 2 && t[k + 1] <= ts) {
                    k++;
                }
                double span = t[k + 1] - t[k];
                double f = span > 0 ? Math.max(0, Math.min(1, (ts - t[k]) / span)) : 1;
                xs[i] = x[k] + f * (x[k + 1] - x[k]);
                ys[i] = y[k] + f * (y[k + 1] - y[k]);
                ds[i] = down[k] && down[k + 1];
            }
            return new PenTrajectory(xs, ys, ds, rate);
        }
    }
}

package io.liquidstream.connectors.synth.strokes;

/**
 * The pen's velocity as a decoder's target: its mean over each time bin of a motor-cortex recording of
 * the trajectory ({@link MotorCortexModel#record}), on the recording's clock. The mean velocity over a bin
 * is the pen's displacement across it divided by its duration, with the position interpolated linearly
 * between trajectory samples and held still before the pen starts ({@code leadMicros}) and after it stops.
 * Units: unit-box lengths per second, x to the right, y downwards (as {@link PenTrajectory#velocityX()}).
 */
public final class PenVelocity {

    /** The targets' names, in the order of {@link #binned}'s columns. */
    public static final java.util.List<String> NAMES = java.util.List.of("vx", "vy");

    private PenVelocity() {
    }

    /**
     * {@code velocity[bin] = {vx, vy}} for the {@code ceil(recording / binMicros)} bins of the recording.
     *
     * @throws IllegalArgumentException if {@code binMicros} is not positive
     */
    public static float[][] binned(PenTrajectory trajectory, MotorCortexModel.Config cortex, long binMicros) {
        if (binMicros <= 0) {
            throw new IllegalArgumentException("bin must be positive, found " + binMicros + " us");
        }
        long recording = cortex.leadMicros() + Math.round(trajectory.durationSeconds() * 1e6) + cortex.lagMicros();
        int bins = (int) ((recording + binMicros - 1) / binMicros);
        double[] x = trajectory.x();
        double[] y = trajectory.y();
        float[][] out = new float[bins][2];
        double seconds = binMicros / 1e6;
        for (int b = 0; b < bins; b++) {
            long from = b * binMicros;
            long to = from + binMicros;
            out[b][0] = (float) ((position(x, trajectory, cortex, to) - position(x, trajectory, cortex, from)) / seconds);
            out[b][1] = (float) ((position(y, trajectory, cortex, to) - position(y, trajectory, cortex, from)) / seconds);
        }
        return out;
    }

    private static double position(double[] p, PenTrajectory t, MotorCortexModel.Config cortex, long micros) {
        double s = (micros - cortex.leadMicros()) / 1e6 * t.sampleRateHz();
        if (s <= 0) {
            return p[0];
        }
        if (s >= p.length - 1) {
            return p[p.length - 1];
        }
        int j = (int) s;
        return p[j] + (s - j) * (p[j + 1] - p[j]);
    }
}

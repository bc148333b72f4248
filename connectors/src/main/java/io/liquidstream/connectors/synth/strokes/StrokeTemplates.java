package io.liquidstream.connectors.synth.strokes;

/**
 * Pen-stroke templates of the digits 0-9 as a person writes them: control points of one or more
 * strokes in the unit box (y downwards), in the usual stroke order and direction. "4" and "5" take
 * two strokes with a pen-up move between; the others are written in one stroke.
 *
 * <p>Digits occupy roughly the central 0.5 × 0.75 of the box, as MNIST digits fill the central
 * 20 × 20 pixels of 28 × 28.
 */
public final class StrokeTemplates {

    /** Sample rate of the templates' trajectories. */
    public static final double SAMPLE_RATE_HZ = 200;

    private static final int CLASSES = 10;

    private StrokeTemplates() {
    }

    public static int classes() {
        return CLASSES;
    }

    /** The template trajectory of {@code digit}, sampled at {@link #SAMPLE_RATE_HZ}. */
    public static PenTrajectory template(int digit) {
        PenPathBuilder b = new PenPathBuilder(SAMPLE_RATE_HZ);
        switch (digit) {
            case 0 -> b.stroke(zeroLoop());
            case 1 -> b.stroke(new double[] {0.40, 0.25, 0.56, 0.13}, new double[] {0.53, 0.50, 0.49, 0.87});
            case 2 -> b.stroke(
                    new double[] {0.29, 0.30, 0.40, 0.17, 0.57, 0.13, 0.70, 0.24, 0.69, 0.42, 0.53, 0.61, 0.29, 0.85},
                    new double[] {0.52, 0.84, 0.75, 0.85});
            case 3 -> b.stroke(
                    new double[] {0.30, 0.22, 0.47, 0.13, 0.64, 0.18, 0.66, 0.33, 0.48, 0.47},
                    new double[] {0.65, 0.55, 0.70, 0.71, 0.57, 0.85, 0.38, 0.86, 0.27, 0.77});
            case 4 -> b.stroke(new double[] {0.52, 0.13, 0.27, 0.62}, new double[] {0.76, 0.61})
                    .stroke(new double[] {0.64, 0.32, 0.62, 0.88});
            case 5 -> b.stroke(
                            new double[] {0.37, 0.14, 0.33, 0.46},
                            new double[] {0.50, 0.41, 0.67, 0.49, 0.71, 0.67, 0.58, 0.84, 0.39, 0.86, 0.28, 0.78})
                    .stroke(new double[] {0.38, 0.14, 0.72, 0.13});
            case 6 -> b.stroke(new double[] {0.66, 0.14, 0.47, 0.26, 0.33, 0.50, 0.31, 0.72, 0.44, 0.86, 0.62, 0.84,
                    0.69, 0.69, 0.60, 0.55, 0.44, 0.53, 0.32, 0.64});
            case 7 -> b.stroke(new double[] {0.27, 0.16, 0.74, 0.16}, new double[] {0.60, 0.45, 0.47, 0.87});
            case 8 -> b.stroke(new double[] {0.66, 0.22, 0.51, 0.13, 0.35, 0.20, 0.37, 0.36, 0.51, 0.48, 0.66, 0.60,
                    0.67, 0.77, 0.51, 0.87, 0.34, 0.78, 0.35, 0.61, 0.51, 0.48, 0.64, 0.36, 0.66, 0.22, 0.62, 0.17});
            case 9 -> b.stroke(
                    new double[] {0.68, 0.27, 0.58, 0.14, 0.41, 0.15, 0.31, 0.29, 0.38, 0.44, 0.55, 0.45, 0.68, 0.30},
                    new double[] {0.66, 0.56, 0.62, 0.87});
            default -> throw new IllegalArgumentException("digit must be 0.." + (CLASSES - 1) + ", found " + digit);
        }
        return b.build();
    }

    /** An upright ellipse started at the top, written anticlockwise on paper, closing with a slight overlap. */
    private static double[] zeroLoop() {
        int points = 14;
        double[] xy = new double[2 * points];
        for (int i = 0; i < points; i++) {
            // On paper with y downwards, anticlockwise means heading left from the top first.
            double a = -Math.PI / 2 - 2 * Math.PI * 1.06 * i / (points - 1);
            xy[2 * i] = 0.5 + 0.21 * Math.cos(a);
            xy[2 * i + 1] = 0.5 + 0.36 * Math.sin(a);
        }
        return xy;
    }
}

package io.liquidstream.connectors.synth.strokes;

/**
 * Pen-stroke templates of the digits 0-9 and the lower-case letters a-z as a person writes them:
 * control points of one or more strokes in the unit box (y downwards), in the usual stroke order and
 * direction. Labels 0-9 are the digits, 10-35 the letters ({@code a} = 10, ..., {@code z} = 35).
 *
 * <p>"4" and "5" take two strokes with a pen-up move between; the other digits are written in one
 * stroke. Digits occupy roughly the central 0.5 × 0.75 of the box, as MNIST digits fill the central
 * 20 × 20 pixels of 28 × 28.
 *
 * <p>Letters are written as on ruled paper: the body between the x-height line (y 0.32) and the
 * baseline (y 0.72), ascenders up to y 0.12, descenders down to y 0.88, most about 0.35 wide. As in
 * the handwriting of the seed's brain-machine-interface experiment, each letter is one continuous
 * movement where that is natural: a stem is retraced rather than lifted from (b, d, h, k, m, n, p, r,
 * u). Where a pen lift is part of the letter it is modelled as for "4" and "5" — the pen travels
 * without ink, and the motor cortex still sees the move: the dots of i and j, the bars of f and t,
 * and the second diagonal of x.
 */
public final class StrokeTemplates {

    /** Sample rate of the templates' trajectories. */
    public static final double SAMPLE_RATE_HZ = 200;

    /** Labels 0..DIGITS-1 are the digits. */
    public static final int DIGITS = 10;
    /** Labels DIGITS..DIGITS+LETTERS-1 are the lower-case letters a-z. */
    public static final int LETTERS = 26;

    private static final int CLASSES = DIGITS + LETTERS;

    private StrokeTemplates() {
    }

    /** Labels with a template: {@code 0..classes()-1}, digits first, then letters. */
    public static int classes() {
        return CLASSES;
    }

    /** The character a label stands for: {@code '0'..'9'} for 0-9, {@code 'a'..'z'} for 10-35. */
    public static char character(int label) {
        requireLabel(label);
        return label < DIGITS ? (char) ('0' + label) : (char) ('a' + label - DIGITS);
    }

    /** The label of a digit {@code '0'..'9'} or lower-case letter {@code 'a'..'z'}. */
    public static int label(char character) {
        if (character >= '0' && character <= '9') {
            return character - '0';
        }
        if (character >= 'a' && character <= 'z') {
            return DIGITS + character - 'a';
        }
        throw new IllegalArgumentException("templates exist for the digits 0-9 and lower-case letters a-z, found '"
                + character + "'");
    }

    /**
     * The template trajectory of {@code label} (a digit 0-9, or a letter: 10 + its place in the
     * alphabet), sampled at {@link #SAMPLE_RATE_HZ}.
     */
    public static PenTrajectory template(int label) {
        requireLabel(label);
        return label < DIGITS ? digit(label) : letter(character(label));
    }

    private static void requireLabel(int label) {
        if (label < 0 || label >= CLASSES) {
            throw new IllegalArgumentException("label must be 0.." + (CLASSES - 1) + " (digits 0-9, letters a-z as "
                    + DIGITS + "-" + (CLASSES - 1) + "), found " + label);
        }
    }

    private static PenTrajectory digit(int digit) {
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
            default -> throw new IllegalArgumentException("digit must be 0.." + (DIGITS - 1) + ", found " + digit);
        }
        return b.build();
    }

    /**
     * A lower-case letter. Bowls (a, c, d, g, o, q) are written anticlockwise from the top right as
     * people write them; b and p come down the stem and go round clockwise; stems are drawn downwards.
     */
    private static PenTrajectory letter(char c) {
        PenPathBuilder b = new PenPathBuilder(SAMPLE_RATE_HZ);
        switch (c) {
            // Bowl anticlockwise from the top right, up to the x-height, then the stem down.
            case 'a' -> b.stroke(
                    new double[] {0.63, 0.39, 0.52, 0.32, 0.40, 0.35, 0.33, 0.50, 0.36, 0.65, 0.46, 0.72, 0.56, 0.68,
                        0.63, 0.56, 0.64, 0.32},
                    new double[] {0.64, 0.64, 0.67, 0.71, 0.73, 0.70});
            // Down the tall stem, back up it and round the bowl clockwise.
            case 'b' -> b.stroke(new double[] {0.35, 0.12, 0.35, 0.72},
                    new double[] {0.35, 0.50, 0.45, 0.36, 0.58, 0.32, 0.67, 0.44, 0.67, 0.60, 0.57, 0.71, 0.45, 0.72,
                        0.36, 0.67});
            case 'c' -> b.stroke(new double[] {0.67, 0.38, 0.56, 0.32, 0.42, 0.34, 0.33, 0.47, 0.33, 0.61, 0.43, 0.71,
                    0.56, 0.72, 0.67, 0.65});
            // The bowl of an "a", the stem up to the ascender and back down it.
            case 'd' -> b.stroke(
                    new double[] {0.64, 0.40, 0.52, 0.32, 0.38, 0.36, 0.32, 0.52, 0.37, 0.67, 0.49, 0.72, 0.60, 0.65,
                        0.65, 0.50, 0.65, 0.12},
                    new double[] {0.65, 0.72});
            // The bar from the left, round anticlockwise to an open end at the bottom right.
            case 'e' -> b.stroke(new double[] {0.33, 0.53, 0.50, 0.53, 0.67, 0.51, 0.62, 0.37, 0.50, 0.32, 0.38, 0.37,
                    0.32, 0.52, 0.36, 0.66, 0.48, 0.72, 0.60, 0.71, 0.68, 0.64});
            // A hook at the top right, the stem down to the baseline; the pen lifts for the bar.
            case 'f' -> b.stroke(new double[] {0.66, 0.17, 0.58, 0.12, 0.49, 0.13, 0.45, 0.22, 0.45, 0.47, 0.45, 0.72})
                    .stroke(new double[] {0.31, 0.34, 0.63, 0.34});
            // An "a" whose stem runs on below the baseline into a hook to the left.
            case 'g' -> b.stroke(
                    new double[] {0.64, 0.39, 0.53, 0.32, 0.40, 0.35, 0.33, 0.50, 0.37, 0.65, 0.48, 0.71, 0.59, 0.66,
                        0.65, 0.52, 0.65, 0.32},
                    new double[] {0.65, 0.66, 0.63, 0.82, 0.54, 0.89, 0.43, 0.88, 0.35, 0.82});
            // The tall stem, back up it, and the arch.
            case 'h' -> b.stroke(new double[] {0.35, 0.12, 0.35, 0.72},
                    new double[] {0.35, 0.48, 0.44, 0.35, 0.56, 0.31, 0.65, 0.38, 0.67, 0.52, 0.67, 0.72});
            // The stem, then the pen lifts to the dot.
            case 'i' -> b.stroke(new double[] {0.50, 0.32, 0.50, 0.72})
                    .stroke(new double[] {0.50, 0.16, 0.505, 0.175});
            case 'j' -> b.stroke(new double[] {0.57, 0.32, 0.57, 0.72, 0.55, 0.83, 0.47, 0.88, 0.37, 0.85})
                    .stroke(new double[] {0.57, 0.16, 0.575, 0.175});
            // In one movement: the tall stem, back up it to the middle, out to the arm, back in and down the leg.
            case 'k' -> b.stroke(new double[] {0.36, 0.12, 0.36, 0.72}, new double[] {0.36, 0.54},
                    new double[] {0.64, 0.32}, new double[] {0.40, 0.52}, new double[] {0.66, 0.72});
            // A tall stem with a small turn to the right at the baseline.
            case 'l' -> b.stroke(new double[] {0.46, 0.12, 0.46, 0.58, 0.50, 0.70, 0.59, 0.72, 0.65, 0.68});
            // The short stem, then two arches, each stem retraced up.
            case 'm' -> b.stroke(new double[] {0.20, 0.32, 0.20, 0.72},
                    new double[] {0.20, 0.48, 0.27, 0.35, 0.36, 0.32, 0.44, 0.38, 0.50, 0.50, 0.50, 0.72},
                    new double[] {0.50, 0.48, 0.57, 0.35, 0.66, 0.32, 0.74, 0.38, 0.80, 0.50, 0.80, 0.72});
            // A small lead-in up to the x-height, then the stem and the arch of an "h".
            case 'n' -> b.stroke(new double[] {0.29, 0.38, 0.35, 0.32}, new double[] {0.35, 0.72},
                    new double[] {0.35, 0.50, 0.45, 0.36, 0.57, 0.32, 0.65, 0.40, 0.66, 0.55, 0.66, 0.72});
            case 'o' -> b.stroke(ellipse(0.50, 0.52, 0.18, 0.20));
            // Down the long stem below the baseline, back up it and round the bowl clockwise.
            case 'p' -> b.stroke(new double[] {0.35, 0.32, 0.35, 0.88},
                    new double[] {0.35, 0.46, 0.46, 0.34, 0.59, 0.32, 0.67, 0.44, 0.66, 0.60, 0.56, 0.70, 0.44, 0.71,
                        0.36, 0.65});
            // The bowl of a "g", the stem straight down below the baseline and a flick to the right.
            case 'q' -> b.stroke(
                    new double[] {0.64, 0.39, 0.53, 0.32, 0.40, 0.35, 0.33, 0.50, 0.37, 0.65, 0.48, 0.71, 0.59, 0.66,
                        0.65, 0.52, 0.65, 0.32},
                    new double[] {0.65, 0.88}, new double[] {0.74, 0.78});
            case 'r' -> b.stroke(new double[] {0.38, 0.32, 0.38, 0.72},
                    new double[] {0.38, 0.52, 0.45, 0.38, 0.55, 0.32, 0.66, 0.35});
            case 's' -> b.stroke(new double[] {0.65, 0.37, 0.55, 0.32, 0.42, 0.33, 0.35, 0.41, 0.41, 0.50, 0.58, 0.55,
                    0.66, 0.63, 0.61, 0.71, 0.48, 0.73, 0.35, 0.67});
            // A short stem from above the x-height turning right at the baseline; the pen lifts for the bar.
            case 't' -> b.stroke(new double[] {0.47, 0.18, 0.47, 0.62, 0.50, 0.71, 0.58, 0.72, 0.65, 0.68})
                    .stroke(new double[] {0.33, 0.34, 0.64, 0.34});
            // Down, round the bottom and up the right side, then the right stem down again.
            case 'u' -> b.stroke(new double[] {0.34, 0.32, 0.34, 0.58, 0.40, 0.70, 0.50, 0.72, 0.60, 0.67, 0.66, 0.52,
                    0.66, 0.32}, new double[] {0.66, 0.72});
            case 'v' -> b.stroke(new double[] {0.32, 0.32, 0.50, 0.72}, new double[] {0.68, 0.32});
            case 'w' -> b.stroke(new double[] {0.20, 0.32, 0.35, 0.72}, new double[] {0.50, 0.40},
                    new double[] {0.65, 0.72}, new double[] {0.80, 0.32});
            // Two diagonals with a pen lift between.
            case 'x' -> b.stroke(new double[] {0.34, 0.32, 0.66, 0.72}).stroke(new double[] {0.66, 0.32, 0.34, 0.72});
            // A "u" whose right stem runs on below the baseline into a hook to the left.
            case 'y' -> b.stroke(new double[] {0.34, 0.32, 0.34, 0.56, 0.40, 0.68, 0.50, 0.71, 0.60, 0.66, 0.66, 0.52,
                    0.66, 0.32}, new double[] {0.66, 0.66, 0.64, 0.82, 0.55, 0.89, 0.44, 0.88, 0.35, 0.82});
            case 'z' -> b.stroke(new double[] {0.33, 0.33, 0.67, 0.33}, new double[] {0.33, 0.72},
                    new double[] {0.68, 0.72});
            default -> throw new IllegalArgumentException("no template for '" + c + "'");
        }
        return b.build();
    }

    /** An ellipse started at the top, written anticlockwise on paper, closing with a slight overlap. */
    private static double[] ellipse(double cx, double cy, double rx, double ry) {
        int points = 14;
        double[] xy = new double[2 * points];
        for (int i = 0; i < points; i++) {
            double a = -Math.PI / 2 - 2 * Math.PI * 1.06 * i / (points - 1);
            xy[2 * i] = cx + rx * Math.cos(a);
            xy[2 * i + 1] = cy + ry * Math.sin(a);
        }
        return xy;
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

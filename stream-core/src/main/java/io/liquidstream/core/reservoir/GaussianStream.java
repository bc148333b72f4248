package io.liquidstream.core.reservoir;

import java.util.SplittableRandom;

/**
 * Standard normal draws by the Marsaglia polar method over {@link SplittableRandom#nextDouble()}.
 *
 * <p>Own implementation rather than {@code Random.nextGaussian}: the JDK does not promise that
 * algorithm across versions, while SplitMix64 and this method with {@link StrictMath} give the same
 * bits on every JVM, so a seed stored in a model file always rebuilds the same weights.
 */
final class GaussianStream {

    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    GaussianStream(SplittableRandom random) {
        this.random = random;
    }

    double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }
}

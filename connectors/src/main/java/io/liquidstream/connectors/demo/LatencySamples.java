package io.liquidstream.connectors.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Latencies in bounded memory: a uniform reservoir sample of every value recorded (for the run's
 * percentiles) and a ring of the most recent ones (for the live view). Not thread-safe.
 */
final class LatencySamples {

    private final double[] reservoir;
    private final double[] recent;
    private final SplittableRandom random = new SplittableRandom(17);
    private long count;
    private int recentNext;
    private int recentSize;

    LatencySamples(int reservoirSize, int recentSize) {
        if (reservoirSize <= 0 || recentSize <= 0) {
            throw new IllegalArgumentException("expected positive sizes, found " + reservoirSize + " and " + recentSize);
        }
        this.reservoir = new double[reservoirSize];
        this.recent = new double[recentSize];
    }

    void record(double millis) {
        // Algorithm R: after n values each has been kept with probability size / n.
        if (count < reservoir.length) {
            reservoir[(int) count] = millis;
        } else {
            long j = random.nextLong(count + 1);
            if (j < reservoir.length) {
                reservoir[(int) j] = millis;
            }
        }
        count++;
        recent[recentNext] = millis;
        recentNext = (recentNext + 1) % recent.length;
        recentSize = Math.min(recentSize + 1, recent.length);
    }

    long count() {
        return count;
    }

    /** Percentile {@code q} in [0, 1] over the whole run (nearest rank); NaN when nothing was recorded. */
    double percentile(double q) {
        return nearestRank(reservoir, (int) Math.min(count, reservoir.length), q);
    }

    /** Percentile {@code q} over the most recent values; NaN when nothing was recorded. */
    double recentPercentile(double q) {
        return nearestRank(recent, recentSize, q);
    }

    private static double nearestRank(double[] values, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }
}

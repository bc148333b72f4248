package io.liquidstream.core.evaluation;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Generalized (open-set) zero-shot scoring, what a live service faces: every query, of a seen (trained)
 * or an unseen class, is matched against the prototypes of all classes, seen and unseen. A prototype is
 * the L2-renormalised mean of the L2-normalised embeddings of its class's exemplars; a query's score for
 * a class is its cosine with the prototype, and the predicted class is the best-scoring one.
 *
 * <p>Heads score the classes they were trained on higher than new ones, so unseen queries drift to seen
 * classes. Calibrated stacking (Chao et al., ECCV 2016) subtracts a margin γ from every seen class's
 * score before the arg-max; γ = 0 is the uncalibrated figure. Seen and unseen accuracy are mean
 * per-class top-1 accuracies in percent (over the classes that have queries; equal to the share of
 * correct queries when classes have equally many), and H = 2su / (s + u) their harmonic mean.
 */
public final class GeneralizedZeroShot {

    /** The default margin grid: −1 to 1 in steps of 0.005 (cosine scores differ by at most 2). */
    private static final double GRID_STEP = 0.005;
    private static final int GRID_HALF = 200;

    private GeneralizedZeroShot() {
    }

    /**
     * Seen-class and unseen-class accuracy in percent and their harmonic mean.
     *
     * @param seenQueries queries of seen classes, {@code unseenQueries} of unseen ones
     */
    public record Accuracy(double seen, double unseen, double harmonic, int seenQueries, int unseenQueries) {

        public static Accuracy of(double seen, double unseen, int seenQueries, int unseenQueries) {
            return new Accuracy(seen, unseen, GeneralizedZeroShot.harmonic(seen, unseen), seenQueries, unseenQueries);
        }
    }

    /** Harmonic mean 2su / (s + u); 0 when both are 0. */
    public static double harmonic(double seen, double unseen) {
        return seen + unseen == 0 ? 0 : 2 * seen * unseen / (seen + unseen);
    }

    /** The L2-renormalised mean of the L2-normalised rows. */
    public static float[] prototype(float[][] embeddings) {
        if (embeddings.length == 0) {
            throw new IllegalArgumentException("a prototype needs at least one exemplar, found none");
        }
        double[] sum = new double[embeddings[0].length];
        for (float[] e : embeddings) {
            double n = norm(e);
            for (int j = 0; j < sum.length; j++) {
                sum[j] += n > 0 ? e[j] / n : 0;
            }
        }
        double n = 0;
        for (double v : sum) {
            n += v * v;
        }
        n = Math.sqrt(n);
        float[] out = new float[sum.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) (n > 0 ? sum[j] / n : 0);
        }
        return out;
    }

    /** The margins tried by {@link Scores#bestMargin()}: −1 to 1 in steps of 0.005. */
    public static double[] marginGrid() {
        double[] grid = new double[2 * GRID_HALF + 1];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (i - GRID_HALF) * GRID_STEP;
        }
        return grid;
    }

    /**
     * Scores every query against one prototype per class of {@code seen} ∪ {@code unseen}, built from
     * the gallery rows of that class.
     *
     * @param queries query embeddings (normalised here)
     * @param queryLabels one per query, each a seen or unseen class
     * @param gallery exemplar embeddings of the other modality
     * @param galleryLabels one per gallery row; rows of other classes are ignored
     */
    public static Scores score(float[][] queries, int[] queryLabels, float[][] gallery, int[] galleryLabels,
            Set<Integer> seen, Set<Integer> unseen) {
        if (queries.length != queryLabels.length || gallery.length != galleryLabels.length) {
            throw new IllegalArgumentException("need one label per row, found " + queries.length + "/"
                    + queryLabels.length + " queries and " + gallery.length + "/" + galleryLabels.length + " gallery rows");
        }
        if (seen.isEmpty() || unseen.isEmpty()) {
            throw new IllegalArgumentException("need seen and unseen classes, found " + seen + " and " + unseen);
        }
        SortedSet<Integer> all = new TreeSet<>(seen);
        all.addAll(unseen);
        if (all.size() != seen.size() + unseen.size()) {
            throw new IllegalArgumentException("seen and unseen classes overlap: " + seen + " and " + unseen);
        }
        int[] classes = all.stream().mapToInt(Integer::intValue).toArray();
        float[][] prototypes = new float[classes.length][];
        for (int k = 0; k < classes.length; k++) {
            int c = classes[k];
            float[][] rows = ClassPairing.rows(gallery, ClassPairing.indicesOf(galleryLabels, c, Integer.MAX_VALUE));
            if (rows.length == 0) {
                throw new IllegalArgumentException("no gallery exemplars of class " + c + " for its prototype");
            }
            prototypes[k] = prototype(rows);
        }
        double[][] cosine = new double[queries.length][classes.length];
        for (int i = 0; i < queries.length; i++) {
            if (!all.contains(queryLabels[i])) {
                throw new IllegalArgumentException("query " + i + " has class " + queryLabels[i]
                        + ", neither seen " + seen + " nor unseen " + unseen);
            }
            double n = norm(queries[i]);
            for (int k = 0; k < classes.length; k++) {
                double dot = 0;
                for (int j = 0; j < prototypes[k].length; j++) {
                    dot += queries[i][j] * prototypes[k][j];
                }
                cosine[i][k] = n > 0 ? dot / n : 0;
            }
        }
        boolean[] seenClass = new boolean[classes.length];
        for (int k = 0; k < classes.length; k++) {
            seenClass[k] = seen.contains(classes[k]);
        }
        return new Scores(cosine, classes, seenClass, queryLabels.clone());
    }

    /** Cosine scores of a set of queries against all class prototypes, to be read at any margin. */
    public static final class Scores {
        private final double[][] cosine;
        private final int[] classes;
        private final boolean[] seenClass;
        private final int[] queryLabels;

        private Scores(double[][] cosine, int[] classes, boolean[] seenClass, int[] queryLabels) {
            this.cosine = cosine;
            this.classes = classes;
            this.seenClass = seenClass;
            this.queryLabels = queryLabels;
        }

        /**
         * The predicted class of every query after subtracting {@code margin} from seen-class scores
         * (ties go to the smaller class label).
         */
        public int[] predict(double margin) {
            int[] out = new int[cosine.length];
            for (int i = 0; i < cosine.length; i++) {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes.length; k++) {
                    double s = seenClass[k] ? cosine[i][k] - margin : cosine[i][k];
                    if (s > bestScore) {
                        bestScore = s;
                        best = k;
                    }
                }
                out[i] = classes[best];
            }
            return out;
        }

        /** Seen, unseen accuracy and H at {@code margin} (0: uncalibrated). */
        public Accuracy accuracy(double margin) {
            int[] predicted = predict(margin);
            double seenSum = 0;
            double unseenSum = 0;
            int seenClasses = 0;
            int unseenClasses = 0;
            int seenQueries = 0;
            int unseenQueries = 0;
            for (int k = 0; k < classes.length; k++) {
                int n = 0;
                int correct = 0;
                for (int i = 0; i < queryLabels.length; i++) {
                    if (queryLabels[i] == classes[k]) {
                        n++;
                        correct += predicted[i] == classes[k] ? 1 : 0;
                    }
                }
                if (n == 0) {
                    continue;
                }
                double acc = 100.0 * correct / n;
                if (seenClass[k]) {
                    seenSum += acc;
                    seenClasses++;
                    seenQueries += n;
                } else {
                    unseenSum += acc;
                    unseenClasses++;
                    unseenQueries += n;
                }
            }
            if (seenClasses == 0 || unseenClasses == 0) {
                throw new IllegalStateException("need queries of seen and unseen classes, found " + seenQueries
                        + " and " + unseenQueries);
            }
            return Accuracy.of(seenSum / seenClasses, unseenSum / unseenClasses, seenQueries, unseenQueries);
        }

        /** {@link #bestMargin(double[])} over {@link #marginGrid()}. */
        public double bestMargin() {
            return bestMargin(marginGrid());
        }

        /**
         * The margin of {@code grid} (ascending) with the highest H. Small validation sets often reach it
         * on a run of neighbouring margins; the centre of the widest such run (the first if several) is
         * taken, the choice least sensitive to where the run's edges happen to fall.
         */
        public double bestMargin(double[] grid) {
            if (grid.length == 0) {
                throw new IllegalArgumentException("the margin grid is empty");
            }
            double[] h = new double[grid.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < grid.length; i++) {
                if (i > 0 && !(grid[i] > grid[i - 1])) {
                    throw new IllegalArgumentException("the margin grid must be strictly ascending");
                }
                h[i] = accuracy(grid[i]).harmonic();
                max = Math.max(max, h[i]);
            }
            int bestStart = -1;
            int bestLength = 0;
            for (int i = 0; i < grid.length;) {
                if (h[i] < max - 1e-9) {
                    i++;
                    continue;
                }
                int start = i;
                while (i < grid.length && h[i] >= max - 1e-9) {
                    i++;
                }
                if (i - start > bestLength) {
                    bestStart = start;
                    bestLength = i - start;
                }
            }
            return grid[bestStart + (bestLength - 1) / 2];
        }

        /** Queries scored. */
        public int queries() {
            return queryLabels.length;
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}

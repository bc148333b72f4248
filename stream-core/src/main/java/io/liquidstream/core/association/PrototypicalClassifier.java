package io.liquidstream.core.association;

import java.util.Arrays;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The prototypical-network baseline on fixed LSM features (DESIGN §5.5, the seed's "LSM-ProtoNet"),
 * in a non-parametric form.
 *
 * <p>What the seed does ({@code LSM-CLIP-ATV/zero_shot_prototype.py}): one linear layer per modality
 * on the reservoir features, trained episodically with cross-entropy over distances from queries to
 * class prototypes (means of projected support samples); evaluated by top-1 cross-modal retrieval
 * between the projected, L2-normalised queries.
 *
 * <p>What this class does instead, with no gradient training:
 * <ol>
 *   <li>a fixed per-modality normalisation of the features ({@link Normalisation}; statistics from the
 *       training rows);</li>
 *   <li>two affine maps fitted by ridge regression on the training pairs (row {@code i} of modality A
 *       with row {@code i} of B — the protocol pairs samples of the same class by index): A→B and B→A,
 *       so a query of either modality can be expressed in the other's normalised feature space;</li>
 *   <li>prototypes = mean normalised feature per class of a support set of one modality; a query is
 *       assigned the class of the nearest prototype (squared Euclidean distance, as in ProtoNets),
 *       after translation when the prototypes are of the other modality. For zero-shot classes the
 *       support is the other modality's gallery samples of those classes, never seen in fitting;</li>
 *   <li>retrieval: top-1 cosine between the translated query and the normalised gallery rows, the
 *       seed's evaluation.</li>
 * </ol>
 * Zero-shot transfer therefore works exactly as far as one linear relation between the two feature
 * spaces, learnt on the training classes, holds for the unseen ones.
 */
public final class PrototypicalClassifier {

    /** Fixed normalisation applied to every feature vector before anything else. */
    public enum Normalisation {
        /** Features as they are. */
        NONE,
        /** Each vector scaled to unit L2 norm. */
        L2,
        /** Each feature centred and scaled by the training mean and standard deviation of its modality. */
        STANDARDISE
    }

    /**
     * Class prototypes of one modality.
     *
     * @param modality modality of the support samples
     * @param classes class labels, ascending
     * @param means mean normalised feature of each class, aligned with {@code classes}
     */
    public record Prototypes(String modality, int[] classes, float[][] means) {
    }

    private final String modalityA;
    private final String modalityB;
    private final Normalisation normalisation;
    private final float[][] statsA; // {mean, 1/std} for STANDARDISE
    private final float[][] statsB;
    private final RidgeMap aToB;
    private final RidgeMap bToA;

    private PrototypicalClassifier(String modalityA, String modalityB, Normalisation normalisation,
            float[][] statsA, float[][] statsB, RidgeMap aToB, RidgeMap bToA) {
        this.modalityA = modalityA;
        this.modalityB = modalityB;
        this.normalisation = normalisation;
        this.statsA = statsA;
        this.statsB = statsB;
        this.aToB = aToB;
        this.bToA = bToA;
    }

    /**
     * Fits the normalisation and both maps on training pairs: row {@code i} of {@code a} is paired with
     * row {@code i} of {@code b}.
     *
     * @param ridge relative ridge penalty (see the maps' note: multiplied by the mean Gram diagonal), > 0
     */
    public static PrototypicalClassifier fit(String modalityA, float[][] a, String modalityB, float[][] b,
            Normalisation normalisation, double ridge) {
        Objects.requireNonNull(modalityA, "modalityA");
        Objects.requireNonNull(modalityB, "modalityB");
        Objects.requireNonNull(normalisation, "normalisation");
        if (modalityA.equals(modalityB)) {
            throw new IllegalArgumentException("the two modalities must differ, found '" + modalityA + "' twice");
        }
        if (a.length == 0 || a.length != b.length) {
            throw new IllegalArgumentException("need the same positive number of rows per modality (pairs), found "
                    + a.length + " " + modalityA + " and " + b.length + " " + modalityB + " rows");
        }
        if (!(ridge > 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("ridge must be finite and > 0, found " + ridge);
        }
        requireRectangular(modalityA, a);
        requireRectangular(modalityB, b);
        float[][] statsA = normalisation == Normalisation.STANDARDISE ? standardisation(a) : null;
        float[][] statsB = normalisation == Normalisation.STANDARDISE ? standardisation(b) : null;
        float[][] na = normaliseAll(a, normalisation, statsA);
        float[][] nb = normaliseAll(b, normalisation, statsB);
        return new PrototypicalClassifier(modalityA, modalityB, normalisation, statsA, statsB,
                RidgeMap.fit(na, nb, ridge), RidgeMap.fit(nb, na, ridge));
    }

    /** The features in their modality's normalised space. */
    public float[] normalise(String modality, float[] features) {
        boolean isA = side(modality);
        float[][] stats = isA ? statsA : statsB;
        int d = isA ? dimensionA() : dimensionB();
        Vectors.requireDimension(modality + " features", features, d);
        return normalise(features, normalisation, stats);
    }

    /** The features, normalised, mapped into the other modality's normalised feature space. */
    public float[] translate(String fromModality, float[] features) {
        float[] n = normalise(fromModality, features);
        return side(fromModality) ? aToB.apply(n) : bToA.apply(n);
    }

    /** Mean normalised feature per class of a support set of one modality. */
    public Prototypes prototypes(String modality, float[][] support, int[] labels) {
        if (support.length == 0 || support.length != labels.length) {
            throw new IllegalArgumentException("need one label per support row and at least one row, found "
                    + support.length + " rows and " + labels.length + " labels");
        }
        TreeMap<Integer, double[]> sums = new TreeMap<>();
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i < support.length; i++) {
            float[] n = normalise(modality, support[i]);
            double[] sum = sums.computeIfAbsent(labels[i], c -> new double[n.length]);
            for (int j = 0; j < n.length; j++) {
                sum[j] += n[j];
            }
            counts.merge(labels[i], 1, Integer::sum);
        }
        int[] classes = sums.keySet().stream().mapToInt(Integer::intValue).toArray();
        float[][] means = new float[classes.length][];
        for (int c = 0; c < classes.length; c++) {
            double[] sum = sums.get(classes[c]);
            int count = counts.get(classes[c]);
            means[c] = new float[sum.length];
            for (int j = 0; j < sum.length; j++) {
                means[c][j] = (float) (sum[j] / count);
            }
        }
        return new Prototypes(modality, classes, means);
    }

    /**
     * The class of the prototype nearest to the query (squared Euclidean distance), translating the
     * query first when the prototypes are of the other modality.
     */
    public int classify(String queryModality, float[] query, Prototypes prototypes) {
        float[] q = queryModality.equals(prototypes.modality())
                ? normalise(queryModality, query)
                : translate(queryModality, query);
        side(prototypes.modality());
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < prototypes.classes().length; c++) {
            double distance = 0;
            float[] p = prototypes.means()[c];
            for (int j = 0; j < q.length; j++) {
                double diff = q[j] - p[j];
                distance += diff * diff;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return prototypes.classes()[best];
    }

    /**
     * Cross-modal top-1 retrieval: for each query, the index of the gallery row (of the other
     * modality) most cosine-similar to the translated query.
     */
    public int[] retrieveTop1(String queryModality, float[][] queries, float[][] gallery) {
        String galleryModality = side(queryModality) ? modalityB : modalityA;
        float[][] translated = Arrays.stream(queries).map(q -> translate(queryModality, q)).toArray(float[][]::new);
        float[][] normalisedGallery = Arrays.stream(gallery).map(g -> normalise(galleryModality, g))
                .toArray(float[][]::new);
        return AssociationIndex.top1(translated, normalisedGallery);
    }

    private int dimensionA() {
        return aToB.inputs();
    }

    private int dimensionB() {
        return bToA.inputs();
    }

    /** True for modality A, false for B. */
    private boolean side(String modality) {
        if (modalityA.equals(modality)) {
            return true;
        }
        if (modalityB.equals(modality)) {
            return false;
        }
        throw new IllegalArgumentException("expected modality '" + modalityA + "' or '" + modalityB + "', found '"
                + modality + "'");
    }

    private static float[][] normaliseAll(float[][] rows, Normalisation normalisation, float[][] stats) {
        return Arrays.stream(rows).map(r -> normalise(r, normalisation, stats)).toArray(float[][]::new);
    }

    private static float[] normalise(float[] v, Normalisation normalisation, float[][] stats) {
        return switch (normalisation) {
            case NONE -> v.clone();
            case L2 -> Vectors.normalised(v);
            case STANDARDISE -> {
                float[] out = new float[v.length];
                for (int j = 0; j < v.length; j++) {
                    out[j] = (v[j] - stats[0][j]) * stats[1][j];
                }
                yield out;
            }
        };
    }

    /** {mean, 1/std} per feature; a constant feature gets a factor of 0, so it contributes nothing. */
    private static float[][] standardisation(float[][] rows) {
        int d = rows[0].length;
        float[] mean = new float[d];
        float[] inverseStd = new float[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (float[] r : rows) {
                sum += r[j];
            }
            double m = sum / rows.length;
            double sq = 0;
            for (float[] r : rows) {
                sq += (r[j] - m) * (r[j] - m);
            }
            double std = Math.sqrt(sq / rows.length);
            mean[j] = (float) m;
            inverseStd[j] = std > 1e-12 ? (float) (1 / std) : 0f;
        }
        return new float[][] {mean, inverseStd};
    }

    private static void requireRectangular(String modality, float[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != rows[0].length || rows[i].length == 0) {
                throw new IllegalArgumentException(modality + " row " + i + " must have " + rows[0].length
                        + " features like row 0, found " + rows[i].length);
            }
        }
    }
}

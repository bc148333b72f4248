package io.liquidstream.core.evaluation;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The seed's cross-modal zero-shot protocol. A model is fitted on pairs from the training classes
 * only; it is scored on the first {@code testPerClass} test samples of each class by top-1 retrieval
 * from one modality into all test samples of the other modality within the same class split
 * (in-class: the training classes; zero-shot: classes never seen in training). A retrieval is correct
 * when the retrieved sample's class equals the query's.
 */
public final class ZeroShotProtocol {

    /**
     * @param trainClasses classes whose pairs train the model and whose test samples give in-class accuracy
     * @param zeroShotClasses classes never trained on, scored among themselves
     * @param testPerClass test samples per class used as queries and gallery (seed: 100)
     */
    public record Config(SortedSet<Integer> trainClasses, SortedSet<Integer> zeroShotClasses, int testPerClass) {
        public Config {
            trainClasses = Collections.unmodifiableSortedSet(new TreeSet<>(trainClasses));
            zeroShotClasses = Collections.unmodifiableSortedSet(new TreeSet<>(zeroShotClasses));
            if (trainClasses.isEmpty() || zeroShotClasses.isEmpty()) {
                throw new IllegalArgumentException("need training and zero-shot classes, found " + trainClasses + " and "
                        + zeroShotClasses);
            }
            if (!Collections.disjoint(trainClasses, zeroShotClasses)) {
                throw new IllegalArgumentException("training and zero-shot classes overlap: " + trainClasses + " and "
                        + zeroShotClasses);
            }
            if (testPerClass <= 0) {
                throw new IllegalArgumentException("testPerClass must be positive, found " + testPerClass);
            }
        }

        /** The seed's audio-to-image split: train on 1–7, zero-shot on 8–9, 100 test samples per class. */
        public static Config seedAudioToImage() {
            return new Config(new TreeSet<>(Set.of(1, 2, 3, 4, 5, 6, 7)), new TreeSet<>(Set.of(8, 9)), 100);
        }
    }

    /** Accuracies in percent, and how many queries each was measured over. */
    public record Scores(double inClassAToB, double inClassBToA, double zeroShotAToB, double zeroShotBToA,
            int inClassQueriesA, int inClassQueriesB, int zeroShotQueriesA, int zeroShotQueriesB) {
    }

    /** Open-set scores on the test split, A queries against B prototypes and the other way round. */
    public record GeneralizedScores(GeneralizedZeroShot.Scores aToB, GeneralizedZeroShot.Scores bToA) {
    }

    private final Config config;

    public ZeroShotProtocol(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /** Training pairs {@code {indexInA, indexInB}} of the training classes. */
    public int[][] trainingPairs(ModalityFeatures a, ModalityFeatures b) {
        return ClassPairing.pairs(a.trainLabels(), b.trainLabels(), config.trainClasses());
    }

    /** Scores a fitted model on both class splits, both directions. */
    public Scores score(CrossModalRetriever model, ModalityFeatures a, ModalityFeatures b) {
        double[] in = split(model, a, b, config.trainClasses());
        double[] zero = split(model, a, b, config.zeroShotClasses());
        return new Scores(in[0], in[1], zero[0], zero[1], (int) in[2], (int) in[3], (int) zero[2], (int) zero[3]);
    }

    /**
     * Generalized (open-set) zero-shot scores on the test split, both directions ({@link
     * GeneralizedZeroShot}): the queries are the first {@code testPerClass} test samples of every training
     * and zero-shot class, and each class's prototype is built from the same test samples of the other
     * modality (the closed protocol's galleries, now pooled over both splits). Queries and exemplars are
     * of different modalities, so no query ever serves as its own exemplar. Read the scores at margin 0
     * for the uncalibrated figure, at a {@link SeenMarginCalibration} margin for the calibrated one.
     */
    public GeneralizedScores scoreGeneralized(ProjectionRetriever model, ModalityFeatures a, ModalityFeatures b) {
        Set<Integer> all = new TreeSet<>(config.trainClasses());
        all.addAll(config.zeroShotClasses());
        int[] ia = ClassPairing.firstPerClass(a.testLabels(), all, config.testPerClass());
        int[] ib = ClassPairing.firstPerClass(b.testLabels(), all, config.testPerClass());
        float[][] ea = model.embedA(ClassPairing.rows(a.test(), ia));
        float[][] eb = model.embedB(ClassPairing.rows(b.test(), ib));
        int[] la = ClassPairing.values(a.testLabels(), ia);
        int[] lb = ClassPairing.values(b.testLabels(), ib);
        return new GeneralizedScores(
                GeneralizedZeroShot.score(ea, la, eb, lb, config.trainClasses(), config.zeroShotClasses()),
                GeneralizedZeroShot.score(eb, lb, ea, la, config.trainClasses(), config.zeroShotClasses()));
    }

    private double[] split(CrossModalRetriever model, ModalityFeatures a, ModalityFeatures b, Set<Integer> classes) {
        int[] ia = ClassPairing.firstPerClass(a.testLabels(), classes, config.testPerClass());
        int[] ib = ClassPairing.firstPerClass(b.testLabels(), classes, config.testPerClass());
        if (ia.length == 0 || ib.length == 0) {
            throw new IllegalArgumentException("no test samples of classes " + classes + " in " + a.modality() + " ("
                    + ia.length + ") or " + b.modality() + " (" + ib.length + ")");
        }
        float[][] qa = ClassPairing.rows(a.test(), ia);
        float[][] qb = ClassPairing.rows(b.test(), ib);
        int[] la = ClassPairing.values(a.testLabels(), ia);
        int[] lb = ClassPairing.values(b.testLabels(), ib);
        return new double[] {
            accuracy(model.top1AToB(qa, qb), la, lb),
            accuracy(model.top1BToA(qb, qa), lb, la),
            ia.length,
            ib.length
        };
    }

    static double accuracy(int[] retrieved, int[] queryLabels, int[] galleryLabels) {
        int correct = 0;
        for (int i = 0; i < retrieved.length; i++) {
            correct += galleryLabels[retrieved[i]] == queryLabels[i] ? 1 : 0;
        }
        return 100.0 * correct / retrieved.length;
    }

    /** Chance level of top-1 retrieval in percent, for classes with equally many gallery samples. */
    public static double chance(Set<Integer> classes) {
        return 100.0 / classes.size();
    }
}

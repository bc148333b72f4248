package io.liquidstream.core.evaluation;

import io.liquidstream.core.bundle.OpenSetCalibration;
import io.liquidstream.core.projection.ContrastiveTrainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses the calibrated-stacking margin of {@link GeneralizedZeroShot} on training data only, one per
 * query modality. A quarter of the training classes (at least one; drawn from the training seed) are
 * held out as pseudo-unseen; heads are trained with the same settings on the remaining classes, minus
 * the last fifth of each remaining class's training samples (at least one), which are held out as
 * seen-class validation queries. Validation queries of one modality (held-out samples of the remaining
 * classes and all samples of the pseudo-unseen ones) are then matched against prototypes of all training
 * classes built from the same held-out samples of the other modality, and the margin maximising H is
 * chosen. Only {@link ModalityFeatures#train()} rows of the training classes are read: test samples and
 * samples of classes outside the training classes never are.
 */
public final class SeenMarginCalibration {

    /** Share of the training classes held out as pseudo-unseen. */
    static final double PSEUDO_UNSEEN_SHARE = 0.25;
    /** Share of each remaining class's training samples held out as seen-class validation queries. */
    static final double SEEN_VALIDATION_SHARE = 0.2;

    private SeenMarginCalibration() {
    }

    /**
     * What calibration chose and saw, keyed by query modality.
     *
     * @param fitClasses the classes the calibration heads were trained on
     * @param pseudoUnseen the training classes held out as unseen
     * @param seenMargins the chosen margin per query modality
     * @param uncalibrated validation figures at margin 0, per query modality
     * @param calibrated validation figures at the chosen margin, per query modality
     */
    public record Result(SortedSet<Integer> fitClasses, SortedSet<Integer> pseudoUnseen,
            SortedMap<String, Double> seenMargins, SortedMap<String, GeneralizedZeroShot.Accuracy> uncalibrated,
            SortedMap<String, GeneralizedZeroShot.Accuracy> calibrated) {

        /** The bundle's calibration for heads trained on {@code trainedClasses}, with these margins. */
        public OpenSetCalibration openSet(Set<Integer> trainedClasses) {
            return new OpenSetCalibration(new TreeSet<>(trainedClasses), seenMargins);
        }
    }

    /**
     * The pseudo-unseen classes: {@code round(share × n)} of the {@code n} training classes, at least one
     * and leaving at least one, drawn by a shuffle seeded with {@code seed}.
     */
    public static SortedSet<Integer> pseudoUnseen(Set<Integer> trainClasses, long seed) {
        if (trainClasses.size() < 2) {
            throw new IllegalArgumentException("calibration holds training classes out as pseudo-unseen, so it needs "
                    + "at least 2 training classes, found " + trainClasses);
        }
        List<Integer> shuffled = new ArrayList<>(new TreeSet<>(trainClasses));
        Collections.shuffle(shuffled, new Random(seed));
        int k = (int) Math.max(1, Math.min(shuffled.size() - 1, Math.round(PSEUDO_UNSEEN_SHARE * shuffled.size())));
        return Collections.unmodifiableSortedSet(new TreeSet<>(shuffled.subList(0, k)));
    }

    /**
     * Trains calibration heads on part of {@code trainClasses} with {@code config} (its seed also draws the
     * pseudo-unseen classes) and chooses each direction's margin on held-out training samples.
     */
    public static Result calibrate(Set<Integer> trainClasses, ModalityFeatures a, ModalityFeatures b,
            CrossModalTraining.HeadShape shape, ContrastiveTrainer.Config config,
            ContrastiveTrainer.EpochListener listener) {
        SortedSet<Integer> unseen = pseudoUnseen(trainClasses, config.seed());
        SortedSet<Integer> fit = new TreeSet<>(trainClasses);
        fit.removeAll(unseen);
        Split sa = Split.of(a, fit, unseen);
        Split sb = Split.of(b, fit, unseen);
        CrossModalTraining.ClipModel clip = CrossModalTraining.trainHeads(fit, sa.fit(), sb.fit(), shape, config, listener);
        float[][] ea = ProjectionRetriever.embed(clip.headA(), sa.validation());
        float[][] eb = ProjectionRetriever.embed(clip.headB(), sb.validation());
        SortedMap<String, Double> margins = new TreeMap<>();
        SortedMap<String, GeneralizedZeroShot.Accuracy> before = new TreeMap<>();
        SortedMap<String, GeneralizedZeroShot.Accuracy> after = new TreeMap<>();
        for (boolean aQueries : new boolean[] {true, false}) {
            GeneralizedZeroShot.Scores s = aQueries
                    ? GeneralizedZeroShot.score(ea, sa.validationLabels(), eb, sb.validationLabels(), fit, unseen)
                    : GeneralizedZeroShot.score(eb, sb.validationLabels(), ea, sa.validationLabels(), fit, unseen);
            String modality = aQueries ? a.modality() : b.modality();
            double margin = s.bestMargin();
            margins.put(modality, margin);
            before.put(modality, s.accuracy(0));
            after.put(modality, s.accuracy(margin));
        }
        return new Result(Collections.unmodifiableSortedSet(fit), unseen, Collections.unmodifiableSortedMap(margins),
                Collections.unmodifiableSortedMap(before), Collections.unmodifiableSortedMap(after));
    }

    /** One modality's training rows split into the calibration heads' training set and validation rows. */
    private record Split(ModalityFeatures fit, float[][] validation, int[] validationLabels) {

        static Split of(ModalityFeatures f, Set<Integer> fitClasses, Set<Integer> unseen) {
            List<Integer> fitRows = new ArrayList<>();
            List<Integer> validationRows = new ArrayList<>();
            for (int c : fitClasses) {
                int[] rows = ClassPairing.indicesOf(f.trainLabels(), c, Integer.MAX_VALUE);
                if (rows.length < 2) {
                    throw new IllegalArgumentException(f.modality() + ": calibration needs at least 2 training samples "
                            + "of class " + c + " (one to train on, one to validate), found " + rows.length);
                }
                // Pairs form within a class by index, so holding out each class's last rows keeps them aligned.
                int held = (int) Math.max(1, Math.round(SEEN_VALIDATION_SHARE * rows.length));
                for (int i = 0; i < rows.length; i++) {
                    (i < rows.length - held ? fitRows : validationRows).add(rows[i]);
                }
            }
            for (int c : unseen) {
                int[] rows = ClassPairing.indicesOf(f.trainLabels(), c, Integer.MAX_VALUE);
                if (rows.length == 0) {
                    throw new IllegalArgumentException(f.modality() + ": no training samples of pseudo-unseen class " + c);
                }
                for (int r : rows) {
                    validationRows.add(r);
                }
            }
            int[] fi = fitRows.stream().mapToInt(Integer::intValue).toArray();
            int[] vi = validationRows.stream().mapToInt(Integer::intValue).toArray();
            ModalityFeatures fit = new ModalityFeatures(f.modality(), ClassPairing.rows(f.train(), fi),
                    ClassPairing.values(f.trainLabels(), fi), new float[0][], new int[0]);
            return new Split(fit, ClassPairing.rows(f.train(), vi), ClassPairing.values(f.trainLabels(), vi));
        }
    }
}

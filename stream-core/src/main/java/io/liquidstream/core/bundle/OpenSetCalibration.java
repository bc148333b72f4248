package io.liquidstream.core.bundle;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a model's association scores are calibrated for the open set (generalized zero-shot), where
 * classes the model was trained on compete with classes registered at run time: calibrated stacking
 * subtracts a margin from the cosine score of every trained class, because the heads score the classes
 * they were trained on higher than any new one. The margins are chosen offline on training classes
 * held out as pseudo-unseen, never on test data, one per query modality.
 *
 * @param trainedClasses the classes whose pairs trained the heads
 * @param seenMargins per query modality, the margin subtracted from trained-class scores; a modality
 *     absent here has margin 0
 */
public record OpenSetCalibration(SortedSet<Integer> trainedClasses, SortedMap<String, Double> seenMargins) {

    public OpenSetCalibration {
        trainedClasses = Collections.unmodifiableSortedSet(new TreeSet<>(trainedClasses));
        seenMargins = Collections.unmodifiableSortedMap(new TreeMap<>(seenMargins));
        for (Map.Entry<String, Double> e : seenMargins.entrySet()) {
            Objects.requireNonNull(e.getValue(), "margin of " + e.getKey());
            if (!Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("seen-class margin of '" + e.getKey() + "' must be finite, found "
                        + e.getValue());
            }
        }
        for (int c : trainedClasses) {
            if (c < 0) {
                throw new IllegalArgumentException("trained classes must be >= 0, found " + c);
            }
        }
    }

    /** Trained classes with no margin: scores are left as they are. */
    public static OpenSetCalibration uncalibrated(Set<Integer> trainedClasses) {
        return new OpenSetCalibration(new TreeSet<>(trainedClasses), new TreeMap<>());
    }

    /** Whether {@code classLabel} is one the heads were trained on. */
    public boolean trained(int classLabel) {
        return trainedClasses.contains(classLabel);
    }

    /** The margin for queries of {@code queryModality}; 0 when none was calibrated. */
    public double seenMargin(String queryModality) {
        return seenMargins.getOrDefault(queryModality, 0.0);
    }

    /** {@code score} less the query modality's margin when {@code classLabel} is a trained class. */
    public double adjust(String queryModality, int classLabel, double score) {
        return trained(classLabel) ? score - seenMargin(queryModality) : score;
    }
}

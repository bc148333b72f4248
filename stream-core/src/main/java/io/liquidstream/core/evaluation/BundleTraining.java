package io.liquidstream.core.evaluation;

import io.liquidstream.core.bundle.BundleAnchor;
import io.liquidstream.core.bundle.DenseStack;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.OpenSetCalibration;
import io.liquidstream.core.bundle.WeightSourceSpec;
import io.liquidstream.core.projection.ContrastiveTrainer;
import io.liquidstream.core.projection.ProjectionHead;
import io.liquidstream.core.reservoir.WeightSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains the projection heads of a pairing (two {@link PairedModality}) and assembles the {@link ModelBundle} the service
 * runs: both modalities' input specs, reservoir seeds and heads, one class anchor per training class and
 * modality (the unnormalised mean embedding of up to {@code anchorSamples} training samples of the class),
 * and unless turned off the open-set calibration ({@link SeenMarginCalibration}: one more training run, on
 * three quarters of the training classes, before the heads the bundle serves are trained).
 * Anchors of other classes only with {@link #anchorClasses}: a bundle that already knows a class the heads
 * never saw would hide whether the service recognises it from anchors registered at run time.
 * Used by {@code train} (written to a file) and {@code demo} (served directly). It lives beside the
 * evaluation protocols rather than in {@code core.bundle}, which they already depend on.
 */
public final class BundleTraining {

    /** The bundle and what training saw. */
    public record Result(ModelBundle bundle, CrossModalTraining.ClipModel clip) {
    }

    private final long seed;
    private final WeightSource weights;
    private final int anchorSamples;
    private final int threads;
    private final boolean openSet;
    private Set<Integer> anchorClasses; // null: the training classes

    /**
     * @param weights where the reservoirs' weights come from (recorded in the bundle)
     * @param openSet whether to calibrate the open set and store it in the bundle ({@link ModelBundle#openSet()})
     */
    public BundleTraining(long seed, WeightSource weights, int anchorSamples, int threads, boolean openSet) {
        if (anchorSamples <= 0 || threads <= 0) {
            throw new IllegalArgumentException("expected positive anchor samples and threads, found " + anchorSamples
                    + " and " + threads);
        }
        this.seed = seed;
        this.weights = weights;
        this.anchorSamples = anchorSamples;
        this.threads = threads;
        this.openSet = openSet;
    }

    /** Writes anchors for these classes (those the data has) instead of the training classes. */
    public BundleTraining anchorClasses(Collection<Integer> classes) {
        this.anchorClasses = Set.copyOf(classes);
        return this;
    }

    /**
     * Encodes both modalities' samples (A's reservoir from the seed, B's from {@link PairedFeatures#seedB}),
     * trains the heads on pairs of {@code trainClasses} and builds the bundle.
     *
     * @param metadata extra manifest entries (the training facts are added to them)
     * @param progress progress display per phase
     */
    public Result train(PairedModality a, PairedModality b, Set<Integer> trainClasses, CrossModalTraining.HeadShape shape,
            ContrastiveTrainer.Config config, Map<String, String> metadata, PhaseProgress progress) {
        PairedFeatures f = PairedFeatures.encode(a, b, seed, weights, threads, progress);
        SeenMarginCalibration.Result calibration = null;
        if (openSet) {
            try (PhaseProgress.Phase p = progress.start("calibrating open set", config.epochs())) {
                calibration = SeenMarginCalibration.calibrate(trainClasses, f.a(), f.b(), shape, config, p.epochs());
            }
        }
        CrossModalTraining.ClipModel clip;
        try (PhaseProgress.Phase p = progress.start("training", config.epochs())) {
            clip = CrossModalTraining.trainHeads(trainClasses, f.a(), f.b(), shape, config, p.epochs());
        }
        List<BundleAnchor> anchors = new ArrayList<>();
        Set<Integer> anchored = anchorClasses != null ? anchorClasses : trainClasses;
        anchors.addAll(anchors(f.a(), clip.headA(), anchored));
        anchors.addAll(anchors(f.b(), clip.headB(), anchored));

        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("trainClasses", trainClasses.toString());
        meta.put("trainPairs", Integer.toString(clip.pairs()));
        meta.putIfAbsent("loss", config.loss().name().toLowerCase(java.util.Locale.ROOT));
        meta.put("epochs", Integer.toString(config.epochs()));
        meta.put("finalLoss", String.format("%.5f", clip.epochLosses()[clip.epochLosses().length - 1]));
        meta.put("seed", Long.toString(seed));
        OpenSetCalibration open = null;
        if (calibration != null) {
            open = calibration.openSet(trainClasses);
            meta.put("openSetPseudoUnseen", calibration.pseudoUnseen().toString());
            for (Map.Entry<String, GeneralizedZeroShot.Accuracy> e : calibration.calibrated().entrySet()) {
                meta.put("openSetValidationHarmonic." + e.getKey(), String.format(java.util.Locale.ROOT, "%.2f -> %.2f",
                        calibration.uncalibrated().get(e.getKey()).harmonic(), e.getValue().harmonic()));
            }
        }
        ModelBundle bundle = new ModelBundle(List.of(modality(a, seed, clip.headA()), modality(b, PairedFeatures.seedB(seed),
                clip.headB())),
                clip.temperature(), anchors, meta, open);
        return new Result(bundle, clip);
    }

    /** {@code reservoirSeed}: the seed of the reservoir whose features the head was trained on. */
    private ModalityModel modality(PairedModality side, long reservoirSeed, ProjectionHead head) {
        return new ModalityModel(side.modality(), side.input(), side.reservoir(reservoirSeed), WeightSourceSpec.of(weights),
                new DenseStack(head.layerDims(), head.activation().name(), head.exportWeights()), side.segments(), null,
                side.reservoirs());
    }

    private List<BundleAnchor> anchors(ModalityFeatures f, ProjectionHead head, Set<Integer> classes) {
        float[][] emb = ProjectionRetriever.embed(head, f.train());
        Map<Integer, float[]> sums = new TreeMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < emb.length; i++) {
            int c = f.trainLabels()[i];
            if (!classes.contains(c) || counts.getOrDefault(c, 0) >= anchorSamples) {
                continue;
            }
            counts.merge(c, 1, Integer::sum);
            float[] s = sums.computeIfAbsent(c, k -> new float[emb[0].length]);
            for (int j = 0; j < s.length; j++) {
                s[j] += emb[i][j];
            }
        }
        List<BundleAnchor> out = new ArrayList<>();
        sums.forEach((c, s) -> out.add(new BundleAnchor(f.modality() + "-class-" + c, c, f.modality(), s)));
        return out;
    }
}

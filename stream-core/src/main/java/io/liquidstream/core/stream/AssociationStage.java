package io.liquidstream.core.stream;

import io.liquidstream.core.association.AssociationIndex;
import io.liquidstream.core.association.ClassPrototypes;
import io.liquidstream.core.association.Filter;
import io.liquidstream.core.association.Match;
import io.liquidstream.core.bundle.OpenSetCalibration;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Decoded;
import io.liquidstream.schemas.Embedding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Association: each {@link Embedded} window is matched against the class prototypes of every modality,
 * its own included (from the shared {@link AssociationIndex}, kept by {@link ClassPrototypes} and updated
 * at run time by the {@link AnchorRegistry}), and against recent windows of other modalities from the
 * same source group that started when it did ({@link RecentWindows}). A prototype of the query's own
 * modality makes the match few-shot recognition within that modality; one of another modality makes it
 * cross-modal (zero-shot for a class the heads never saw); the {@code Match} records carry the modality.
 *
 * <p><b>Open set.</b> Trained classes and classes registered at run time compete: prototype scores are
 * ranked after the {@link OpenSetCalibration} (the query modality's seen-class margin subtracted from
 * trained classes). The predicted class is the best-ranked prototype's; without prototypes, the best
 * labelled paired window's. Reported scores stay raw cosines; the matches are listed in ranking order,
 * so the first match is the one that decided. The result becomes an {@link Associated} carrying the Avro
 * {@link Embedding} and {@link Association} to publish, and the {@link Decoded} values of a hop that has a
 * continuous read-out; other outcomes pass through.
 *
 * <p>Runs on one thread at a time (it is a plain map over the merged stream).
 */
public final class AssociationStage<A> {

    private final AssociationIndex anchors;
    private final OpenSetCalibration calibration;
    private final String modelVersion;
    private final PipelineSettings settings;
    private final PipelineMetrics metrics;
    private final LongSupplier clock;
    private final RecentWindows recent;

    /**
     * @param calibration which classes are trained and their margins; null when unknown (scores are then
     *     ranked as they are and {@code predictedTrained} is left null)
     */
    public AssociationStage(AssociationIndex anchors, OpenSetCalibration calibration, String modelVersion,
                            PipelineSettings settings, PipelineMetrics metrics, LongSupplier clockMicros) {
        this.anchors = anchors;
        this.calibration = calibration;
        this.modelVersion = modelVersion;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clockMicros;
        this.recent = new RecentWindows(settings.recentPerGroup(), settings.overlapTolerance().toNanos() / 1000, 10_000);
    }

    public Outcome<A> apply(Outcome<A> in) {
        if (!(in instanceof Embedded<A> e)) {
            return in;
        }
        Window<A> w = e.window();
        int k = settings.topK();
        // Every prototype is scored: calibration can reorder them, so a plain top-k by cosine could miss the winner.
        List<Ranked> prototypes = new ArrayList<>();
        for (Match m : anchors.topK(e.vector(), Math.max(1, anchors.anchorCount()), Filter.anchorsOnly())) {
            prototypes.add(new Ranked(m, calibration == null ? m.score()
                    : calibration.adjust(w.modality(), m.classLabel(), m.score())));
        }
        prototypes.sort(Ranked.BEST_FIRST);
        String group = settings.groupOf(w.source());
        boolean sample = w.sampleId() != null;
        List<Match> paired = recent.pair(group, w.modality(), w.startMicros(), e.vector(), k);
        recent.add(group, sample ? w.sampleId() : w.source() + "@" + w.startMicros(), w.modality(),
                w.label() == null ? Match.UNLABELLED : w.label(), w.startMicros(), w.endMicros(), e.vector());
        Integer predicted = predict(prototypes, paired);

        List<Ranked> listed = new ArrayList<>(prototypes.subList(0, Math.min(k, prototypes.size())));
        for (Match m : paired) {
            listed.add(new Ranked(m, m.score()));
        }
        listed.sort(Ranked.BEST_FIRST);
        List<io.liquidstream.schemas.Match> matches = new ArrayList<>(listed.size());
        for (Ranked r : listed) {
            matches.add(avro(r.match()));
        }
        long now = clock.getAsLong();
        Embedding embedding = Embedding.newBuilder()
                .setSource(w.source()).setModality(Modalities.of(w.modality()))
                .setSampleId(w.sampleId())
                .setWindowStartMicros(sample ? null : w.startMicros())
                .setWindowEndMicros(sample ? null : w.endMicros())
                .setModelVersion(modelVersion).setVector(floats(e.vector()))
                .setFirstEventMicros(w.firstEventWallMicros()).setWindowCloseMicros(w.closeWallMicros())
                .setEmitMicros(now).setLabel(w.label()).build();
        Association association = Association.newBuilder()
                .setSource(w.source()).setModality(Modalities.of(w.modality()))
                .setSampleId(w.sampleId())
                .setWindowStartMicros(sample ? null : w.startMicros())
                .setWindowEndMicros(sample ? null : w.endMicros())
                .setMatches(matches).setPredictedClass(predicted)
                .setPredictedTrained(predicted == null || calibration == null ? null : calibration.trained(predicted))
                .setLabel(w.label())
                .setModelVersion(modelVersion)
                .setFirstEventMicros(w.firstEventWallMicros()).setWindowCloseMicros(w.closeWallMicros())
                .setEmitMicros(now).build();
        metrics.associated(w.modality(), w.label() != null && w.label().equals(predicted));
        return new Associated<>(w, embedding, association, decoded(w, e.decoding(), now));
    }

    /** The Decoded record of a hop's read-out, or null without one. */
    Decoded decoded(Window<A> w, Decoding d, long now) {
        if (d == null) {
            return null;
        }
        List<Float> values = new ArrayList<>(d.values().length);
        for (float v : d.values()) {
            values.add(v);
        }
        return Decoded.newBuilder().setSource(w.source()).setModality(Modalities.of(w.modality()))
                .setWindowStartMicros(w.startMicros()).setHopStartMicros(d.hopStartMicros())
                .setWindowEndMicros(w.endMicros()).setModelVersion(modelVersion)
                .setNames(d.names()).setValues(values).setLabel(w.label())
                .setFirstEventMicros(w.firstEventWallMicros()).setWindowCloseMicros(w.closeWallMicros())
                .setEmitMicros(now).build();
    }

    private static Integer predict(List<Ranked> prototypes, List<Match> paired) {
        if (!prototypes.isEmpty()) {
            return prototypes.get(0).match().classLabel();
        }
        for (Match m : paired) {
            if (m.labelled()) {
                return m.classLabel();
            }
        }
        return null;
    }

    /** A candidate and the score it is ranked by (calibrated for prototypes, the cosine for windows). */
    private record Ranked(Match match, double rank) {
        static final Comparator<Ranked> BEST_FIRST = Comparator.comparingDouble(Ranked::rank).reversed();
    }

    private static io.liquidstream.schemas.Match avro(Match m) {
        return io.liquidstream.schemas.Match.newBuilder()
                .setClassLabel(m.labelled() ? m.classLabel() : null)
                // A prototype stands for its whole class (its exemplars are listed by `liquidstream anchors list`).
                .setSampleId(m.kind() == Match.Kind.ANCHOR ? null : m.id())
                .setModality(Modalities.of(m.modality())).setScore(m.score()).build();
    }

    private static List<Float> floats(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float f : v) {
            out.add(f);
        }
        return out;
    }
}

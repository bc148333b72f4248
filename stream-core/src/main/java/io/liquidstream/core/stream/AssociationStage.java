package io.liquidstream.core.stream;

import io.liquidstream.core.association.AssociationIndex;
import io.liquidstream.core.association.Filter;
import io.liquidstream.core.association.Match;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Embedding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Association: each {@link Embedded} window is matched against the class anchors of the other
 * modalities (from the shared {@link AssociationIndex}, updated at run time by the
 * {@link AnchorRegistry}) and against recent windows of other modalities from the same source group
 * that overlap it in time. The predicted class is the nearest anchor's; without anchors, the best
 * labelled paired window's. The result becomes an {@link Associated} carrying the Avro
 * {@link Embedding} and {@link Association} to publish; other outcomes pass through.
 *
 * <p>Runs on one thread at a time (it is a plain map over the merged stream).
 */
public final class AssociationStage<A> {

    private final AssociationIndex anchors;
    private final Set<String> modalities;
    private final String modelVersion;
    private final PipelineSettings settings;
    private final PipelineMetrics metrics;
    private final LongSupplier clock;
    private final RecentWindows recent;

    public AssociationStage(AssociationIndex anchors, Set<String> modalities, String modelVersion,
                            PipelineSettings settings, PipelineMetrics metrics, LongSupplier clockMicros) {
        this.anchors = anchors;
        this.modalities = Set.copyOf(modalities);
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
        List<Match> anchorMatches = new ArrayList<>();
        for (String other : modalities) {
            if (!other.equals(w.modality())) {
                anchorMatches.addAll(anchors.topK(e.vector(), k, Filter.anchorsOnly().ofModality(other)));
            }
        }
        anchorMatches.sort(Comparator.comparingDouble(Match::score).reversed());
        String group = settings.groupOf(w.source());
        boolean sample = w.sampleId() != null;
        List<Match> paired = recent.pair(group, w.modality(), w.startMicros(), w.endMicros(), e.vector(), k);
        recent.add(group, sample ? w.sampleId() : w.source() + "@" + w.startMicros(), w.modality(),
                w.label() == null ? Match.UNLABELLED : w.label(), w.startMicros(), w.endMicros(), e.vector());
        Integer predicted = predict(anchorMatches, paired);

        List<io.liquidstream.schemas.Match> matches = new ArrayList<>();
        for (Match m : anchorMatches.subList(0, Math.min(k, anchorMatches.size()))) {
            matches.add(avro(m));
        }
        for (Match m : paired) {
            matches.add(avro(m));
        }
        matches.sort(Comparator.comparingDouble(io.liquidstream.schemas.Match::getScore).reversed());
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
                .setMatches(matches).setPredictedClass(predicted).setLabel(w.label())
                .setModelVersion(modelVersion)
                .setFirstEventMicros(w.firstEventWallMicros()).setWindowCloseMicros(w.closeWallMicros())
                .setEmitMicros(now).build();
        metrics.associated(w.modality(), w.label() != null && w.label().equals(predicted));
        return new Associated<>(w, embedding, association);
    }

    private static Integer predict(List<Match> anchorMatches, List<Match> paired) {
        if (!anchorMatches.isEmpty()) {
            return anchorMatches.get(0).classLabel();
        }
        for (Match m : paired) {
            if (m.labelled()) {
                return m.classLabel();
            }
        }
        return null;
    }

    private static io.liquidstream.schemas.Match avro(Match m) {
        return io.liquidstream.schemas.Match.newBuilder()
                .setClassLabel(m.labelled() ? m.classLabel() : null)
                .setSampleId(m.id()).setModality(Modalities.of(m.modality())).setScore(m.score()).build();
    }

    private static List<Float> floats(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float f : v) {
            out.add(f);
        }
        return out;
    }
}

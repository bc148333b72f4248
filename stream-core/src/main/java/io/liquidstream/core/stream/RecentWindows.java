package io.liquidstream.core.stream;

import io.liquidstream.core.association.Match;
import io.liquidstream.core.association.Vectors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent embedded windows per source group, for pairing a window with the windows of other
 * modalities that cover the same moment: same group, and aligned in time on the source clock, i.e. the
 * window of each other modality whose start is closest to the query's, within a tolerance (the clock
 * offset allowed between a group's sources). A trial seen by a camera and recorded from motor cortex
 * starts at one moment in both, however long each view lasts, so aligned starts pair the same trial
 * where mere overlap would pair whichever neighbours fall within reach. Only windows that closed before
 * the query are candidates: of two views of one trial, the one that closes later carries the pair.
 *
 * <p>Bounded: {@code perGroup} windows per group, {@code maxGroups} groups (least recently used evicted).
 * Not thread-safe; the association stage runs on one thread at a time.
 */
final class RecentWindows {

    private final int perGroup;
    private final long toleranceMicros;
    private final Map<String, ArrayDeque<Entry>> groups;

    RecentWindows(int perGroup, long toleranceMicros, int maxGroups) {
        this.perGroup = perGroup;
        this.toleranceMicros = toleranceMicros;
        this.groups = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Entry>> eldest) {
                return size() > maxGroups;
            }
        };
    }

    /**
     * For each other modality in {@code group}, its window starting closest to {@code start} (the newer on
     * a tie), when within the tolerance; the best {@code k} of them by cosine.
     */
    List<Match> pair(String group, String modality, long start, float[] vector, int k) {
        ArrayDeque<Entry> entries = groups.get(group);
        if (entries == null) {
            return List.of();
        }
        Map<String, Entry> aligned = new LinkedHashMap<>();
        for (Entry e : entries) {
            long offset = Math.abs(e.start - start);
            if (e.modality.equals(modality) || offset > toleranceMicros) {
                continue;
            }
            Entry best = aligned.get(e.modality);
            if (best == null || offset <= Math.abs(best.start - start)) {
                aligned.put(e.modality, e);
            }
        }
        List<Match> matches = new ArrayList<>();
        for (Entry e : aligned.values()) {
            matches.add(new Match(Match.Kind.GALLERY, e.id, e.label, e.modality, Vectors.dot(vector, e.vector)));
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed());
        return matches.size() > k ? List.copyOf(matches.subList(0, k)) : matches;
    }

    void add(String group, String id, String modality, int label, long start, long end, float[] vector) {
        if (perGroup == 0) {
            return;
        }
        ArrayDeque<Entry> entries = groups.computeIfAbsent(group, g -> new ArrayDeque<>());
        if (entries.size() == perGroup) {
            entries.pollFirst();
        }
        entries.addLast(new Entry(id, modality, label, start, end, vector));
    }

    private record Entry(String id, String modality, int label, long start, long end, float[] vector) {
    }
}

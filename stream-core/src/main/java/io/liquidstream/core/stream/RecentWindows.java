package io.liquidstream.core.stream;

import io.liquidstream.core.association.Match;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent embedded windows per source group, for pairing a window with windows of other
 * modalities from related sources: same group, and overlapping on the source clock within a
 * tolerance. Bounded: {@code perGroup} windows per group, {@code maxGroups} groups (least recently
 * used evicted). Not thread-safe; the association stage runs on one thread at a time.
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

    /** The best {@code k} windows of other modalities in {@code group} overlapping {@code [start, end]}. */
    List<Match> pair(String group, String modality, long start, long end, float[] vector, int k) {
        ArrayDeque<Entry> entries = groups.get(group);
        if (entries == null) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.modality.equals(modality) && e.start <= end + toleranceMicros && start <= e.end + toleranceMicros) {
                matches.add(new Match(Match.Kind.GALLERY, e.id, e.label, e.modality, dot(vector, e.vector)));
            }
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

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private record Entry(String id, String modality, int label, long start, long end, float[] vector) {
    }
}

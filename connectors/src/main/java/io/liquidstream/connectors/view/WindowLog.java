package io.liquidstream.connectors.view;

import io.liquidstream.core.stream.Modalities;
import io.liquidstream.schemas.Embedding;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest embedded windows of every modality, at most {@code perModality} each (the oldest goes), found
 * by the id the page uses and by the key an association names them with. Synchronised on itself.
 */
final class WindowLog {

    private final int perModality;
    private final Map<String, ArrayDeque<RecentWindow>> byModality = new HashMap<>();
    private final Map<String, RecentWindow> byId = new HashMap<>();
    private final Map<String, RecentWindow> byKey = new HashMap<>();
    private long next;

    WindowLog(int perModality) {
        this.perModality = perModality;
    }

    synchronized RecentWindow add(Embedding embedding) {
        RecentWindow w = new RecentWindow("w" + next++, embedding);
        ArrayDeque<RecentWindow> recent = byModality.computeIfAbsent(Modalities.name(embedding.getModality()),
                m -> new ArrayDeque<>());
        recent.addLast(w);
        byId.put(w.id(), w);
        byKey.put(w.key(), w);
        if (recent.size() > perModality) {
            RecentWindow old = recent.pollFirst();
            byId.remove(old.id());
            byKey.remove(old.key(), old);
        }
        return w;
    }

    /** The window an association is about, if the view still holds it. */
    synchronized Optional<RecentWindow> byKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    synchronized Optional<RecentWindow> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every window held, oldest first within each modality. */
    synchronized List<RecentWindow> all() {
        List<RecentWindow> out = new ArrayList<>();
        byModality.values().forEach(out::addAll);
        return out;
    }

    /** The {@code n} newest windows over all modalities, newest first. */
    synchronized List<RecentWindow> newest(int n) {
        List<RecentWindow> out = new ArrayList<>();
        for (ArrayDeque<RecentWindow> recent : byModality.values()) {
            Iterator<RecentWindow> it = recent.descendingIterator();
            for (int k = 0; k < n && it.hasNext(); k++) {
                out.add(it.next());
            }
        }
        out.sort(Comparator.comparingLong((RecentWindow w) -> -Long.parseLong(w.id().substring(1))));
        return out.size() > n ? new ArrayList<>(out.subList(0, n)) : out;
    }
}

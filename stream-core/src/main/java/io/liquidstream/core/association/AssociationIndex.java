package io.liquidstream.core.association;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.StampedLock;

/**
 * Cosine top-k search of a query embedding against registered class anchors and a bounded gallery of
 * recent embeddings, for the streaming association stage.
 *
 * <p>Vectors are L2-normalised on entry (queries too, any norm accepted) and kept in one contiguous
 * {@code float[]} per store, so a query is a run of dot products. The gallery is a ring: beyond its
 * capacity the oldest entry is evicted, which bounds memory however long the service runs. Anchors
 * are not bounded; re-adding an id replaces its entry.
 *
 * <p>Thread-safe: queries share a read lock and never block one another; adding or removing takes
 * the write lock for one slot copy. Each querying thread reuses its own primitive top-k heap, so a
 * query allocates only its normalised copy and its result list.
 */
public final class AssociationIndex {

    private static final int ANCHORS = 0;
    private static final int GALLERY = 1;

    private final int dimension;
    private final VectorSlots anchors;
    private final VectorSlots gallery;
    private final Map<String, Integer> modalityCodes = new HashMap<>();
    private final List<String> modalityNames = new ArrayList<>();
    private final StampedLock lock = new StampedLock();
    private final ThreadLocal<TopKHeap> heaps = ThreadLocal.withInitial(TopKHeap::new);

    /**
     * @param dimension length of every embedding
     * @param galleryCapacity most gallery entries held; adding more evicts the oldest
     */
    public AssociationIndex(int dimension, int galleryCapacity) {
        if (dimension <= 0 || galleryCapacity <= 0) {
            throw new IllegalArgumentException("dimension and gallery capacity must be positive, found dimension="
                    + dimension + ", galleryCapacity=" + galleryCapacity);
        }
        this.dimension = dimension;
        this.anchors = new VectorSlots(dimension, 16, false);
        this.gallery = new VectorSlots(dimension, galleryCapacity, true);
    }

    public int dimension() {
        return dimension;
    }

    /** Registers a class exemplar, replacing any anchor with the same id. */
    public void addAnchor(String anchorId, int classLabel, String modality, float[] vector) {
        if (classLabel < 0) {
            throw new IllegalArgumentException("anchor '" + anchorId + "' needs a class label >= 0, found " + classLabel);
        }
        put(anchors, anchorId, classLabel, modality, vector);
    }

    /** @return whether an anchor with this id was registered */
    public boolean removeAnchor(String anchorId) {
        return remove(anchors, anchorId);
    }

    /**
     * Adds a gallery embedding, replacing any entry with the same id.
     *
     * @param classLabel its class, or {@link Match#UNLABELLED}
     * @return the id of the oldest entry evicted to stay within capacity, if one was
     */
    public Optional<String> addGallery(String id, int classLabel, String modality, float[] vector) {
        if (classLabel < 0 && classLabel != Match.UNLABELLED) {
            throw new IllegalArgumentException("gallery entry '" + id + "' needs a class label >= 0 or UNLABELLED ("
                    + Match.UNLABELLED + "), found " + classLabel);
        }
        return Optional.ofNullable(put(gallery, id, classLabel, modality, vector));
    }

    /** @return whether a gallery entry with this id was held */
    public boolean removeGallery(String id) {
        return remove(gallery, id);
    }

    public int anchorCount() {
        long stamp = lock.readLock();
        try {
            return anchors.size();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public int gallerySize() {
        long stamp = lock.readLock();
        try {
            return gallery.size();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public int galleryCapacity() {
        return gallery.capacity();
    }

    /**
     * The {@code k} candidates most cosine-similar to the query among those the filter admits, best
     * first (fewer when fewer exist). Equal scores keep anchors before gallery entries.
     */
    public List<Match> topK(float[] query, int k, Filter filter) {
        Objects.requireNonNull(filter, "filter");
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, found " + k);
        }
        Vectors.requireDimension("query", query, dimension);
        float[] unit = Vectors.normalised(query);
        TopKHeap heap = heaps.get();
        heap.reset(k);
        long stamp = lock.readLock();
        try {
            int modality = -1;
            if (filter.modality() != null) {
                Integer code = modalityCodes.get(filter.modality());
                if (code == null) {
                    return List.of();
                }
                modality = code;
            }
            if (filter.anchors()) {
                anchors.scan(unit, modality, ANCHORS, heap);
            }
            if (filter.gallery()) {
                gallery.scan(unit, modality, GALLERY, heap);
            }
            heap.sortDescending();
            List<Match> out = new ArrayList<>(heap.size());
            for (int i = 0; i < heap.size(); i++) {
                VectorSlots store = heap.store(i) == ANCHORS ? anchors : gallery;
                int slot = heap.slot(i);
                out.add(new Match(heap.store(i) == ANCHORS ? Match.Kind.ANCHOR : Match.Kind.GALLERY, store.id(slot),
                        store.label(slot), modalityNames.get(store.modality(slot)), heap.score(i)));
            }
            return out;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * The class of a query. When the filter admits anchors and one of its modality is registered, the
     * class of the most similar anchor decides (nearest exemplar; a class with several anchors counts
     * its best). Otherwise, when it admits the gallery, the labelled entries among the {@code k} most
     * similar gallery entries vote: most votes wins, a tie goes to the class with the higher best
     * score. Empty when no candidate carries a label.
     */
    public Optional<Prediction> predictClass(float[] query, int k, Filter filter) {
        if (filter.anchors()) {
            List<Match> best = topK(query, 1, new Filter(true, false, filter.modality()));
            if (!best.isEmpty()) {
                Match m = best.get(0);
                return Optional.of(new Prediction(m.classLabel(), m.score(), Match.Kind.ANCHOR, 1));
            }
        }
        if (!filter.gallery()) {
            return Optional.empty();
        }
        Map<Integer, int[]> votes = new HashMap<>();
        Map<Integer, Float> bestScore = new HashMap<>();
        for (Match m : topK(query, k, new Filter(false, true, filter.modality()))) {
            if (m.labelled()) {
                votes.computeIfAbsent(m.classLabel(), c -> new int[1])[0]++;
                bestScore.merge(m.classLabel(), m.score(), Math::max);
            }
        }
        Prediction winner = null;
        for (Map.Entry<Integer, int[]> e : votes.entrySet()) {
            Prediction p = new Prediction(e.getKey(), bestScore.get(e.getKey()), Match.Kind.GALLERY, e.getValue()[0]);
            if (winner == null || p.votes() > winner.votes()
                    || (p.votes() == winner.votes() && p.score() > winner.score())) {
                winner = p;
            }
        }
        return Optional.ofNullable(winner);
    }

    /**
     * Exact batched top-1 cosine search for evaluation: for each query, the index of the most similar
     * gallery row (the lowest index among equal scores).
     */
    public static int[] top1(float[][] queries, float[][] gallery) {
        return ExactSearch.top1(queries, gallery);
    }

    private String put(VectorSlots store, String id, int label, String modality, float[] vector) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modality, "modality");
        Vectors.requireDimension("embedding '" + id + "'", vector, dimension);
        float[] unit = Vectors.normalised(vector);
        long stamp = lock.writeLock();
        try {
            Integer code = modalityCodes.get(modality);
            if (code == null) {
                code = modalityNames.size();
                modalityNames.add(modality);
                modalityCodes.put(modality, code);
            }
            return store.put(id, label, code, unit);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private boolean remove(VectorSlots store, String id) {
        long stamp = lock.writeLock();
        try {
            return store.remove(id);
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}

package io.liquidstream.core.association;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Unit-norm vectors in one contiguous {@code float[]} (slot {@code s} at {@code s * dimension}) with
 * their ids, labels and modality codes. Removed slots are reused; when full and bounded, the oldest
 * entry is evicted. Not thread-safe: {@link AssociationIndex} guards it.
 */
final class VectorSlots {

    private final int dimension;
    private final int capacity;
    private final boolean bounded;
    private float[] data;
    private String[] ids;
    private int[] labels;
    private int[] modalities;
    private int used; // slots [0, used) have been handed out at least once
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final ArrayDeque<Integer> insertionOrder = new ArrayDeque<>();
    private final Map<String, Integer> slotById = new HashMap<>();

    /**
     * @param capacity the most entries held; when {@code bounded}, adding beyond it evicts the oldest,
     *     otherwise it is only the initial allocation and the store grows
     */
    VectorSlots(int dimension, int capacity, boolean bounded) {
        this.dimension = dimension;
        this.capacity = capacity;
        this.bounded = bounded;
        int initial = bounded ? capacity : Math.max(capacity, 1);
        data = new float[Math.multiplyExact(initial, dimension)];
        ids = new String[initial];
        labels = new int[initial];
        modalities = new int[initial];
    }

    /**
     * Stores a unit vector under {@code id}, replacing an entry with the same id (which then counts as
     * the newest).
     *
     * @return the id evicted to make room, or {@code null}
     */
    String put(String id, int label, int modality, float[] unitVector) {
        remove(id);
        String evicted = null;
        int slot;
        if (!free.isEmpty()) {
            slot = free.pop();
        } else if (used < ids.length) {
            slot = used++;
        } else if (bounded) {
            slot = insertionOrder.pollFirst();
            evicted = ids[slot];
            slotById.remove(evicted);
        } else {
            grow();
            slot = used++;
        }
        System.arraycopy(unitVector, 0, data, slot * dimension, dimension);
        ids[slot] = id;
        labels[slot] = label;
        modalities[slot] = modality;
        slotById.put(id, slot);
        insertionOrder.addLast(slot);
        return evicted;
    }

    /** @return whether an entry with this id was held */
    boolean remove(String id) {
        Integer slot = slotById.remove(id);
        if (slot == null) {
            return false;
        }
        ids[slot] = null;
        insertionOrder.removeFirstOccurrence(slot);
        free.push(slot);
        return true;
    }

    int size() {
        return slotById.size();
    }

    int capacity() {
        return capacity;
    }

    boolean contains(String id) {
        return slotById.containsKey(id);
    }

    /** Offers every live slot with the given modality code (any when negative) to the heap. */
    void scan(float[] unitQuery, int modality, int storeCode, TopKHeap heap) {
        for (int s = 0; s < used; s++) {
            if (ids[s] == null || (modality >= 0 && modalities[s] != modality)) {
                continue;
            }
            heap.offer(Vectors.dot(unitQuery, 0, data, s * dimension, dimension), storeCode, s);
        }
    }

    String id(int slot) {
        return ids[slot];
    }

    int label(int slot) {
        return labels[slot];
    }

    int modality(int slot) {
        return modalities[slot];
    }

    private void grow() {
        int n = Math.max(4, ids.length * 2);
        data = Arrays.copyOf(data, Math.multiplyExact(n, dimension));
        ids = Arrays.copyOf(ids, n);
        labels = Arrays.copyOf(labels, n);
        modalities = Arrays.copyOf(modalities, n);
    }
}

package io.liquidstream.core.association;

/**
 * The k best (score, store, slot) triples seen so far, as a min-heap of primitives so offering a
 * candidate never allocates. One instance per querying thread, reused across queries.
 */
final class TopKHeap {

    private float[] scores = new float[16];
    private int[] stores = new int[16];
    private int[] slots = new int[16];
    private int size;
    private int k;

    void reset(int newK) {
        if (newK > scores.length) {
            scores = new float[newK];
            stores = new int[newK];
            slots = new int[newK];
        }
        k = newK;
        size = 0;
    }

    void offer(float score, int store, int slot) {
        if (size < k) {
            scores[size] = score;
            stores[size] = store;
            slots[size] = slot;
            siftUp(size++);
        } else if (score > scores[0]) {
            scores[0] = score;
            stores[0] = store;
            slots[0] = slot;
            siftDown(0);
        }
    }

    int size() {
        return size;
    }

    /** Sorts the held entries best first (destroys the heap order; call once per query). */
    void sortDescending() {
        // heap sort: repeatedly move the minimum to the end
        for (int end = size - 1; end > 0; end--) {
            swap(0, end);
            int saved = size;
            size = end;
            siftDown(0);
            size = saved;
        }
    }

    float score(int i) {
        return scores[i];
    }

    int store(int i) {
        return stores[i];
    }

    int slot(int i) {
        return slots[i];
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (less(i, parent)) {
                swap(i, parent);
                i = parent;
            } else {
                return;
            }
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int smallest = left + 1 < size && less(left + 1, left) ? left + 1 : left;
            if (!less(smallest, i)) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    /** Lower score first; among equal scores the later slot counts as worse, for a stable order. */
    private boolean less(int a, int b) {
        if (scores[a] != scores[b]) {
            return scores[a] < scores[b];
        }
        if (stores[a] != stores[b]) {
            return stores[a] > stores[b];
        }
        return slots[a] > slots[b];
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        int t = stores[a];
        stores[a] = stores[b];
        stores[b] = t;
        t = slots[a];
        slots[a] = slots[b];
        slots[b] = t;
    }
}

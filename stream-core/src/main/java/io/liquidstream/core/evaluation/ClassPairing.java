package io.liquidstream.core.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The seed's pairing of two modalities: within each class, the i-th sample of one modality is paired
 * with the i-th sample of the other, up to the smaller count. No pair ever crosses classes.
 */
public final class ClassPairing {

    private ClassPairing() {
    }

    /** Index pairs {@code {indexInA, indexInB}}, class by class in ascending order. */
    public static int[][] pairs(int[] labelsA, int[] labelsB, Set<Integer> classes) {
        List<int[]> out = new ArrayList<>();
        for (int c : new TreeSet<>(classes)) {
            int[] a = indicesOf(labelsA, c, Integer.MAX_VALUE);
            int[] b = indicesOf(labelsB, c, Integer.MAX_VALUE);
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                out.add(new int[] {a[i], b[i]});
            }
        }
        return out.toArray(new int[0][]);
    }

    /** The first {@code perClass} indices of every class in {@code classes}, class by class. */
    public static int[] firstPerClass(int[] labels, Set<Integer> classes, int perClass) {
        List<Integer> out = new ArrayList<>();
        for (int c : new TreeSet<>(classes)) {
            for (int i : indicesOf(labels, c, perClass)) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The first {@code limit} indices of class {@code c}, in order. */
    static int[] indicesOf(int[] labels, int c, int limit) {
        int n = 0;
        int[] idx = new int[labels.length];
        for (int i = 0; i < labels.length && n < limit; i++) {
            if (labels[i] == c) {
                idx[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(idx, n);
    }

    static float[][] rows(float[][] m, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = m[idx[i]];
        }
        return out;
    }

    static int[] values(int[] v, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }
}

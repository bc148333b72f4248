package io.liquidstream.core.association;

/**
 * Exact batched top-1 cosine search in plain Java: rows are normalised into contiguous arrays, then
 * the gallery is walked in blocks small enough to stay in cache while every query visits them.
 */
final class ExactSearch {

    /** Gallery rows per block: 256 rows of 128 floats are 128 KiB, within a typical L2 cache. */
    private static final int BLOCK = 256;

    private ExactSearch() {
    }

    static int[] top1(float[][] queries, float[][] gallery) {
        if (gallery.length == 0) {
            throw new IllegalArgumentException("gallery must hold at least one row, found none");
        }
        int d = gallery[0].length;
        float[] g = flattenNormalised("gallery", gallery, d);
        float[] q = flattenNormalised("queries", queries, d);
        int m = queries.length;
        int n = gallery.length;
        int[] best = new int[m];
        float[] bestScore = new float[m];
        java.util.Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            int i = 0;
            for (; i + 3 < m; i += 4) {
                scoreFour(q, i, d, g, from, to, best, bestScore);
            }
            for (; i < m; i++) {
                scoreOne(q, i, d, g, from, to, best, bestScore);
            }
        }
        return best;
    }

    /** Four queries against each gallery row of the block: every gallery load feeds four products. */
    private static void scoreFour(float[] q, int i, int d, float[] g, int from, int to, int[] best, float[] bestScore) {
        int o0 = i * d;
        int o1 = o0 + d;
        int o2 = o1 + d;
        int o3 = o2 + d;
        for (int r = from; r < to; r++) {
            int go = r * d;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int j = 0; j < d; j++) {
                float x = g[go + j];
                s0 += q[o0 + j] * x;
                s1 += q[o1 + j] * x;
                s2 += q[o2 + j] * x;
                s3 += q[o3 + j] * x;
            }
            keep(i, r, s0, best, bestScore);
            keep(i + 1, r, s1, best, bestScore);
            keep(i + 2, r, s2, best, bestScore);
            keep(i + 3, r, s3, best, bestScore);
        }
    }

    private static void scoreOne(float[] q, int i, int d, float[] g, int from, int to, int[] best, float[] bestScore) {
        for (int r = from; r < to; r++) {
            keep(i, r, Vectors.dot(q, i * d, g, r * d, d), best, bestScore);
        }
    }

    /** Strictly greater, so the lowest index wins a tie (rows are visited in increasing order). */
    private static void keep(int query, int row, float score, int[] best, float[] bestScore) {
        if (score > bestScore[query]) {
            bestScore[query] = score;
            best[query] = row;
        }
    }

    private static float[] flattenNormalised(String what, float[][] rows, int d) {
        float[] out = new float[Math.multiplyExact(rows.length, d)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(what + " row " + i + " must have dimension " + d + ", found "
                        + rows[i].length);
            }
            Vectors.normaliseInto(rows[i], out, i * d);
        }
        return out;
    }
}

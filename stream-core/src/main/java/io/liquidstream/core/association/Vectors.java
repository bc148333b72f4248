package io.liquidstream.core.association;

/** Dense float kernels shared by the searches; no allocation. */
public final class Vectors {

    private Vectors() {
    }

    /** Dot product of two vectors of one length. */
    public static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("expected vectors of one length, found " + a.length + " and " + b.length);
        }
        return dot(a, 0, b, 0, a.length);
    }

    /**
     * Dot product of {@code len} entries. Four accumulators, because C2 does not vectorise a single
     * float reduction (it must keep the sequential rounding order).
     */
    static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            s0 += a[aOff + j] * b[bOff + j];
            s1 += a[aOff + j + 1] * b[bOff + j + 1];
            s2 += a[aOff + j + 2] * b[bOff + j + 2];
            s3 += a[aOff + j + 3] * b[bOff + j + 3];
        }
        for (; j < len; j++) {
            s0 += a[aOff + j] * b[bOff + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Writes {@code v / |v|} into {@code out} at {@code outOff}; a zero vector stays zero (it then
     * scores 0 against everything rather than NaN).
     *
     * @throws IllegalArgumentException if an entry is not finite
     */
    static void normaliseInto(float[] v, float[] out, int outOff) {
        double sum = 0;
        for (int j = 0; j < v.length; j++) {
            if (!Float.isFinite(v[j])) {
                throw new IllegalArgumentException("vector entries must be finite, found " + v[j] + " at index " + j);
            }
            sum += (double) v[j] * v[j];
        }
        float inv = sum > 0 ? (float) (1.0 / Math.sqrt(sum)) : 0f;
        for (int j = 0; j < v.length; j++) {
            out[outOff + j] = v[j] * inv;
        }
    }

    static float[] normalised(float[] v) {
        float[] out = new float[v.length];
        normaliseInto(v, out, 0);
        return out;
    }

    static void requireDimension(String what, float[] v, int dimension) {
        if (v.length != dimension) {
            throw new IllegalArgumentException(what + " must have dimension " + dimension + ", found " + v.length);
        }
    }
}

package io.liquidstream.core.binning;

import java.util.Arrays;

/**
 * Binary reservoir input over {@code bins} time bins, stored sparsely: for bin {@code b} the active
 * input indices are {@code indices[offsets[b] .. offsets[b+1])}, ascending and without repeats.
 *
 * <p>This is the event-driven kernel's native input: the cost of encoding is proportional to the
 * number of active (input, bin) pairs, not to {@code inputs × bins}.
 */
public final class SpikeWindow {

    private final int inputs;
    private final int bins;
    private final int[] offsets;
    private final int[] indices;

    private SpikeWindow(int inputs, int bins, int[] offsets, int[] indices) {
        this.inputs = inputs;
        this.bins = bins;
        this.offsets = offsets;
        this.indices = indices;
    }

    /**
     * Wraps CSR arrays without copying after validating them.
     *
     * @throws IllegalArgumentException if offsets are not {@code bins + 1} non-decreasing values
     *     ending at {@code indices.length}, or an index is out of range or repeated within a bin
     */
    public static SpikeWindow of(int inputs, int bins, int[] offsets, int[] indices) {
        if (inputs <= 0 || bins <= 0) {
            throw new IllegalArgumentException("inputs and bins must be positive, found " + inputs + ", " + bins);
        }
        if (offsets.length != bins + 1 || offsets[0] != 0 || offsets[bins] != indices.length) {
            throw new IllegalArgumentException("offsets must have bins+1=" + (bins + 1)
                    + " entries from 0 to " + indices.length + ", found " + offsets.length + " entries");
        }
        for (int b = 0; b < bins; b++) {
            if (offsets[b + 1] < offsets[b]) {
                throw new IllegalArgumentException("offsets decrease at bin " + b);
            }
            for (int k = offsets[b]; k < offsets[b + 1]; k++) {
                int i = indices[k];
                if (i < 0 || i >= inputs) {
                    throw new IllegalArgumentException("input index " + i + " in bin " + b + " outside [0, " + inputs + ")");
                }
                if (k > offsets[b] && i <= indices[k - 1]) {
                    throw new IllegalArgumentException("input indices of bin " + b + " must ascend without repeats");
                }
            }
        }
        return new SpikeWindow(inputs, bins, offsets, indices);
    }

    /** From a dense {@code [bins][inputs]} binary matrix (any non-zero counts as a spike). */
    public static SpikeWindow fromDense(boolean[][] dense) {
        int bins = dense.length;
        int inputs = dense[0].length;
        int[] offsets = new int[bins + 1];
        int n = 0;
        for (boolean[] row : dense) {
            for (boolean v : row) {
                n += v ? 1 : 0;
            }
        }
        int[] indices = new int[n];
        int k = 0;
        for (int b = 0; b < bins; b++) {
            for (int i = 0; i < inputs; i++) {
                if (dense[b][i]) {
                    indices[k++] = i;
                }
            }
            offsets[b + 1] = k;
        }
        return new SpikeWindow(inputs, bins, offsets, indices);
    }

    public int inputs() {
        return inputs;
    }

    public int bins() {
        return bins;
    }

    /** Start (inclusive) of bin {@code b}'s indices. */
    public int start(int b) {
        return offsets[b];
    }

    /** End (exclusive) of bin {@code b}'s indices. */
    public int end(int b) {
        return offsets[b + 1];
    }

    /** The active input at position {@code k} of the index array. */
    public int index(int k) {
        return indices[k];
    }

    /** Total number of active (input, bin) pairs. */
    public int activeCount() {
        return indices.length;
    }

    /** Fraction of the {@code inputs × bins} grid that is active. */
    public double density() {
        return (double) indices.length / ((double) inputs * bins);
    }

    public boolean[][] toDense() {
        boolean[][] dense = new boolean[bins][inputs];
        for (int b = 0; b < bins; b++) {
            for (int k = offsets[b]; k < offsets[b + 1]; k++) {
                dense[b][indices[k]] = true;
            }
        }
        return dense;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikeWindow w && w.inputs == inputs && w.bins == bins
                && Arrays.equals(w.offsets, offsets) && Arrays.equals(w.indices, indices);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * inputs + bins) + Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
        return "SpikeWindow[" + inputs + " inputs x " + bins + " bins, " + indices.length + " active]";
    }
}

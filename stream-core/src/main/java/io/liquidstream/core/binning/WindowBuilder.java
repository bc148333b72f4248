package io.liquidstream.core.binning;

import java.util.Arrays;

/**
 * Collects (bin, input) activations arriving in non-decreasing bin order into a {@link SpikeWindow},
 * binarising on the fly: a per-input stamp of the last bin it was recorded in drops repeats without
 * any per-event allocation.
 */
final class WindowBuilder {

    private final int inputs;
    private final int bins;
    private final int[] stamp;
    private final int[] offsets;
    private final int[] indices;
    private int size;
    private int bin;

    /** @param capacity the most activations that can be added (e.g. the event count) */
    WindowBuilder(int inputs, int bins, int capacity) {
        this.inputs = inputs;
        this.bins = bins;
        this.stamp = new int[inputs];
        this.offsets = new int[bins + 1];
        this.indices = new int[capacity];
    }

    /** Marks {@code input} active in bin {@code b}; {@code b} never decreases between calls. */
    void add(int b, int input, int event) {
        if (input >= inputs) {
            throw new IllegalArgumentException("input mapping gave index " + input + " for event " + event
                    + ", expected below " + inputs);
        }
        if (b != bin) {
            closeBinsUpTo(b);
        }
        // stamps hold bin + 1 so that the initial 0 means "never"
        if (stamp[input] != b + 1) {
            stamp[input] = b + 1;
            indices[size++] = input;
        }
    }

    SpikeWindow build() {
        closeBinsUpTo(bins);
        return SpikeWindow.of(inputs, bins, offsets, Arrays.copyOf(indices, size));
    }

    private void closeBinsUpTo(int next) {
        Arrays.sort(indices, offsets[bin], size);
        for (int b = bin + 1; b <= next; b++) {
            offsets[b] = size;
        }
        bin = next;
    }
}

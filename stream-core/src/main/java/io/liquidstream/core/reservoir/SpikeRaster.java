package io.liquidstream.core.reservoir;

import java.util.Arrays;

/**
 * The spikes a reservoir fired over one window: spike {@code k} is neuron {@code neuron(k)} in bin
 * {@code bin(k)}, ordered by bin and, within a bin, by neuron.
 */
public final class SpikeRaster {

    private final int bins;
    private final int neurons;
    private final int[] bin;
    private final int[] neuron;

    private SpikeRaster(int bins, int neurons, int[] bin, int[] neuron) {
        this.bins = bins;
        this.neurons = neurons;
        this.bin = bin;
        this.neuron = neuron;
    }

    public int bins() {
        return bins;
    }

    public int neurons() {
        return neurons;
    }

    public int spikes() {
        return bin.length;
    }

    public int bin(int k) {
        return bin[k];
    }

    public int neuron(int k) {
        return neuron[k];
    }

    /** The firing-rate feature: spikes per bin of every neuron. */
    public float[] rates() {
        int[] counts = new int[neurons];
        for (int n : neuron) {
            counts[n]++;
        }
        float[] rates = new float[neurons];
        for (int j = 0; j < neurons; j++) {
            rates[j] = counts[j] / (float) bins;
        }
        return rates;
    }

    /** Collects spikes bin by bin, in the order the kernel finds them. */
    static final class Builder implements SpikeSink {
        private final int bins;
        private final int neurons;
        private int[] bin = new int[64];
        private int[] neuron = new int[64];
        private int size;

        Builder(int bins, int neurons) {
            this.bins = bins;
            this.neurons = neurons;
        }

        @Override
        public void bin(int b, int[] spiked, int count) {
            if (size + count > bin.length) {
                int capacity = Math.max(bin.length * 2, size + count);
                bin = Arrays.copyOf(bin, capacity);
                neuron = Arrays.copyOf(neuron, capacity);
            }
            Arrays.fill(bin, size, size + count, b);
            System.arraycopy(spiked, 0, neuron, size, count);
            size += count;
        }

        SpikeRaster build() {
            return new SpikeRaster(bins, neurons, Arrays.copyOf(bin, size), Arrays.copyOf(neuron, size));
        }
    }
}

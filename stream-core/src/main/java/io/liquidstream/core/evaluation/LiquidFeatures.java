package io.liquidstream.core.evaluation;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.binning.SpikeWindow;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirState;
import io.liquidstream.core.reservoir.SpikeHistory;

/**
 * The read-out features of a carried liquid at every bin of a trial, as the service computes them per
 * hop: the liquid starts at rest at the trial's start, steps one bin at a time, and after each bin its
 * neurons' rates over the latest {@code bins} bins in {@code segments} parts are read
 * ({@link SpikeHistory#rates}).
 */
public final class LiquidFeatures {

    private LiquidFeatures() {
    }

    /** {@code features[bin]} for every bin of the trial; bins before the history fills count as silent. */
    public static float[][] of(DecodingTrial trial, InputSpec input, LifReservoir reservoir, int bins, int segments) {
        SpikeWindow window = trial.inputs(input);
        ReservoirState state = reservoir.state();
        SpikeHistory history = new SpikeHistory(reservoir.neurons(), bins);
        float[][] out = new float[window.bins()][];
        for (int b = 0; b < window.bins(); b++) {
            reservoir.advance(state, oneBin(window, b), history);
            out[b] = history.rates(bins, segments);
        }
        return out;
    }

    private static SpikeWindow oneBin(SpikeWindow window, int b) {
        int[] active = new int[window.end(b) - window.start(b)];
        for (int k = window.start(b); k < window.end(b); k++) {
            active[k - window.start(b)] = window.index(k);
        }
        return SpikeWindow.of(window.inputs(), 1, new int[] {0, active.length}, active);
    }
}

package io.liquidstream.core.binning;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.transform.PipelineSyntax;
import io.liquidstream.core.transform.StageCall;

/**
 * {@code bins} equal bins spanning the sample from its first to its last event (vision: N-MNIST uses
 * 50 bins over about 300 ms).
 *
 * <p>Bin edges: with first time {@code t0} and duration {@code D = last - t0}, an event at {@code t}
 * goes to bin {@code floor((t - t0) * bins / D)}, so bin {@code k} is {@code [t0 + kD/bins,
 * t0 + (k+1)D/bins)}, except that the last bin also holds its upper edge: the last event always
 * lands in the last bin. A sample of zero duration puts every event in bin 0.
 *
 * @param bins number of bins, positive
 */
public record FixedBinning(int bins) implements SampleBinning {

    static final String NAME = "fixed";
    /** Another spelling of {@link #NAME} on input, for {@code ...|bins(50)}. */
    static final String ALIAS = "bins";

    public FixedBinning {
        if (bins <= 0) {
            throw new IllegalArgumentException("bin count must be positive, found " + bins);
        }
    }

    static FixedBinning fromStage(StageCall stage) {
        stage.requireArity(1, stage.name() + "(bins)");
        return new FixedBinning(stage.intArg(0, 1));
    }

    @Override
    public SpikeWindow bin(Events events, InputMapping mapping) {
        int n = events.size();
        WindowBuilder window = new WindowBuilder(mapping.inputs(), bins, n);
        if (n > 0) {
            long t0 = events.firstTime();
            long duration = events.lastTime() - t0;
            for (int i = 0; i < n; i++) {
                int input = mapping.index(events, i);
                if (input >= 0) {
                    window.add(binOf(events.t(i) - t0, duration), input, i);
                }
            }
        }
        return window.build();
    }

    /** The bin of an event {@code dt} after the first, for a sample lasting {@code duration}. */
    int binOf(long dt, long duration) {
        if (duration == 0) {
            return 0;
        }
        long b = dt <= Long.MAX_VALUE / bins
                ? dt * bins / duration
                // spans beyond ~10^16 us cannot be multiplied exactly; a double is precise enough there
                : (long) ((double) dt / duration * bins);
        return (int) Math.min(b, bins - 1);
    }

    @Override
    public String describe() {
        return PipelineSyntax.format(NAME, bins);
    }
}

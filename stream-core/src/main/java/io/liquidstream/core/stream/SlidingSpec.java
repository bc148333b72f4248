package io.liquidstream.core.stream;

/**
 * How a continuous stream (no sample markers) is read out: bins of {@code binMicros}, a read-out every
 * {@code hopBins} bins over the latest {@code windowBins} bins (DESIGN §5.3: e.g. 10 ms bins, 2 s window,
 * 100 ms hop).
 *
 * <p>{@link Liquid#CARRIED} (the liquid-state-machine formulation) keeps each source's reservoir running:
 * every new bin costs one reservoir step and each hop is read out from the current state, so a source
 * (re)started from rest first steps {@code warmupBins} bins before its read-outs are emitted.
 * {@link Liquid#RESTARTED} runs each whole window through the reservoir from rest at every hop (no state
 * between hops, so no warm-up; {@code windowBins / hopBins} times the work).
 *
 * @param warmupBins bins a carried liquid steps from rest before its first read-out; ignored when restarted
 */
public record SlidingSpec(long binMicros, int windowBins, int hopBins, Liquid liquid, int warmupBins) {

    /** Whether a source's reservoir state is carried from bin to bin or restarted for every window. */
    public enum Liquid { CARRIED, RESTARTED }

    public SlidingSpec {
        if (binMicros <= 0 || windowBins <= 0 || hopBins <= 0 || hopBins > windowBins) {
            throw new IllegalArgumentException("expected positive bin, window and hop with hop <= window, found bin="
                    + binMicros + " us window=" + windowBins + " bins hop=" + hopBins + " bins");
        }
        if (liquid == null || warmupBins < 0) {
            throw new IllegalArgumentException("expected a liquid mode and warm-up bins >= 0, found " + liquid + " and "
                    + warmupBins);
        }
    }

    /** A carried liquid (see the class comment) that stays silent for its first {@code warmupBins} bins. */
    public static SlidingSpec carried(long binMicros, int windowBins, int hopBins, int warmupBins) {
        return new SlidingSpec(binMicros, windowBins, hopBins, Liquid.CARRIED, warmupBins);
    }

    /** Every window run from rest (see the class comment). */
    public static SlidingSpec restarted(long binMicros, int windowBins, int hopBins) {
        return new SlidingSpec(binMicros, windowBins, hopBins, Liquid.RESTARTED, 0);
    }

    public long windowMicros() {
        return binMicros * windowBins;
    }

    public long hopMicros() {
        return binMicros * hopBins;
    }
}

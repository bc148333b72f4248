package io.liquidstream.core.stream;

/**
 * Sliding windows for a continuous stream: bins of {@code binMicros}, {@code windowBins} bins per
 * window, a new window every {@code hopBins} bins (DESIGN §5.3: e.g. 10 ms bins, 2 s window, 100 ms hop).
 */
public record SlidingSpec(long binMicros, int windowBins, int hopBins) {

    public SlidingSpec {
        if (binMicros <= 0 || windowBins <= 0 || hopBins <= 0 || hopBins > windowBins) {
            throw new IllegalArgumentException("expected positive bin, window and hop with hop <= window, found bin="
                    + binMicros + " us window=" + windowBins + " bins hop=" + hopBins + " bins");
        }
    }

    public long windowMicros() {
        return binMicros * windowBins;
    }

    public long hopMicros() {
        return binMicros * hopBins;
    }
}

package io.liquidstream.core.binning;

import java.util.Objects;

/**
 * One window of a continuous stream: the spikes of {@code source} in {@code [startMicros, endMicros)}.
 *
 * @param source the stream's source id
 * @param startMicros window start (inclusive), a multiple of the bin duration
 * @param endMicros window end (exclusive)
 * @param window the binary input, one bin per bin duration
 */
public record TimedWindow(String source, long startMicros, long endMicros, SpikeWindow window) {

    public TimedWindow {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(window, "window");
        if (endMicros <= startMicros) {
            throw new IllegalArgumentException("window must end after it starts, found [" + startMicros + ", "
                    + endMicros + ") us");
        }
    }
}

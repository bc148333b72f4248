package io.liquidstream.core.reservoir;

/** Receives the spikes of every bin a reservoir steps through, in order. */
@FunctionalInterface
public interface SpikeSink {

    /**
     * @param bin the bin's index within the window being run
     * @param spiked the neurons that spiked, ascending, in {@code spiked[0 .. count)}; the array is the
     *     kernel's scratch, valid only during the call
     * @param count how many spiked
     */
    void bin(int bin, int[] spiked, int count);
}

package io.liquidstream.core.reservoir;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The running state of one {@link LifReservoir} fed by one continuous stream: the membrane {@code v}
 * of every neuron after the latest bin, the neurons that spiked in that bin (which drive the next
 * bin through {@code W_rec}), and how many bins it has stepped since rest. The liquid of a live
 * source: {@link LifReservoir#advance} moves it one bin per bin, so a new bin costs one reservoir
 * step instead of re-running a whole window.
 *
 * <p>Made by {@link LifReservoir#state()}, at rest; only its own reservoir may advance it. Mutable and
 * not thread-safe: one stream, one thread at a time (a rail owns the states of its sources).
 */
public final class ReservoirState {

    final LifReservoir owner;
    final float[] v;
    final int[] spiked;
    int spikedCount;
    long bins;
    /** Offsets into the read-noise pool, or null for exact weights. */
    final SplittableRandom readOffsets;

    ReservoirState(LifReservoir owner, SplittableRandom readOffsets) {
        this.owner = owner;
        this.v = new float[owner.neurons()];
        this.spiked = new int[owner.neurons()];
        this.readOffsets = readOffsets;
    }

    public int neurons() {
        return v.length;
    }

    /** Bins stepped since rest. */
    public long bins() {
        return bins;
    }

    /** A copy of the membrane after the latest bin (0 for a neuron that just spiked: the reset). */
    public float[] membrane() {
        return v.clone();
    }

    /** The neurons that spiked in the latest bin, ascending. */
    public int[] lastSpikes() {
        return Arrays.copyOf(spiked, spikedCount);
    }

    /**
     * Whether the state is exactly rest: every membrane 0 and no spike pending. Further silent bins
     * leave it so, which lets a caller skip a long silence at no cost.
     */
    public boolean atRest() {
        if (spikedCount != 0) {
            return false;
        }
        for (float x : v) {
            if (x != 0f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "ReservoirState[" + v.length + " neurons, " + bins + " bins, " + spikedCount + " spiked last]";
    }
}

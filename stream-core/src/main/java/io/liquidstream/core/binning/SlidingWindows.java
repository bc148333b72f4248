package io.liquidstream.core.binning;

import io.liquidstream.core.event.Events;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Windows over continuous streams (BMI recordings, cameras without sample markers): bins of a fixed
 * duration, windows of {@code windowBins} bins starting every {@code hopBins} bins, kept per source.
 *
 * <p>Time is cut into bins {@code [k * binMicros, (k+1) * binMicros)}. A source's first window starts
 * at the bin of its first event; the next ones every {@code hopBins} bins after. A window
 * {@code [start, start + windowBins * binMicros)} is complete, and returned, once an event of that
 * source arrives at or after its end, or the source's watermark passes it ({@link #advance});
 * {@link #flush(String)} completes the rest. Windows in which no
 * event maps to an input are not returned, so a source that falls silent costs nothing while silent.
 *
 * <p>Events of one source must arrive in time order across chunks; an event may still go back in time
 * within the latest bin (it changes nothing once binarised), but not before it. State per source is a
 * ring of {@code windowBins} bins, each a set of active inputs, so memory is bounded by the window
 * and the input count, never by the stream's length. Not thread-safe: one instance per stage rail.
 */
public final class SlidingWindows {

    private final long binMicros;
    private final int windowBins;
    private final int hopBins;
    private final InputMapping mapping;
    private final Map<String, SourceState> states = new HashMap<>();

    /**
     * @param binMicros bin duration in microseconds, positive
     * @param windowBins bins per window, positive
     * @param hopBins bins between window starts, positive (less than {@code windowBins} for overlap)
     * @param mapping from events to inputs
     */
    public SlidingWindows(long binMicros, int windowBins, int hopBins, InputMapping mapping) {
        if (binMicros <= 0 || windowBins <= 0 || hopBins <= 0) {
            throw new IllegalArgumentException("bin duration, window and hop must be positive, found bin="
                    + binMicros + " us window=" + windowBins + " bins hop=" + hopBins + " bins");
        }
        this.binMicros = binMicros;
        this.windowBins = windowBins;
        this.hopBins = hopBins;
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /**
     * Feeds the next chunk of one source's events (time-ordered, of any duration).
     *
     * @return the windows of {@code source} completed by this chunk, in time order
     * @throws IllegalArgumentException if the chunk starts before the source's latest bin, or the
     *     mapping gives an index outside its inputs; the source's state is then unchanged
     */
    public List<TimedWindow> accept(String source, Events chunk) {
        Objects.requireNonNull(source, "source");
        if (chunk.isEmpty()) {
            return List.of();
        }
        SourceState state = states.get(source);
        if (state == null) {
            state = new SourceState(Math.floorDiv(chunk.firstTime(), binMicros));
        } else if (chunk.firstTime() < state.currentBin * binMicros) {
            throw new IllegalArgumentException("late event for source '" + source + "': event at "
                    + chunk.firstTime() + " us is before the current bin [" + state.currentBin * binMicros + ", "
                    + state.currentBinEnd + ") us");
        }
        checkIndices(source, chunk);
        states.put(source, state);
        List<TimedWindow> out = new ArrayList<>();
        for (int i = 0, n = chunk.size(); i < n; i++) {
            long t = chunk.t(i);
            if (t >= state.currentBinEnd) {
                long bin = Math.floorDiv(t, binMicros);
                state.emitCompleted(bin, source, out);
                state.enter(bin);
            }
            int input = mapping.index(chunk, i);
            if (input >= 0) {
                state.current.add(input);
            }
        }
        return out;
    }

    /**
     * Completes and returns the windows of {@code source} that end at or before {@code watermarkMicros}, its
     * promise that no later event comes before that time; they come out as an event at the watermark would
     * have let them, without waiting for one. A later event before the watermark's bin is late.
     */
    public List<TimedWindow> advance(String source, long watermarkMicros) {
        SourceState state = states.get(source);
        long bin = Math.floorDiv(watermarkMicros, binMicros);
        if (state == null || bin <= state.currentBin) {
            return List.of();
        }
        List<TimedWindow> out = new ArrayList<>();
        state.emitCompleted(bin, source, out);
        state.enter(bin);
        return out;
    }

    /** Completes and returns every remaining window that holds events of {@code source}, then forgets it. */
    public List<TimedWindow> flush(String source) {
        SourceState state = states.remove(source);
        if (state == null) {
            return List.of();
        }
        List<TimedWindow> out = new ArrayList<>();
        state.emitCompleted(state.currentBin + windowBins, source, out);
        return out;
    }

    /** Forgets {@code source}; its next event starts a fresh window grid. */
    public void reset(String source) {
        states.remove(source);
    }

    /** Number of sources with state. */
    public int sources() {
        return states.size();
    }

    /** Bins held for {@code source} (0 when unknown); never more than {@code windowBins}. */
    int retainedBins(String source) {
        SourceState state = states.get(source);
        return state == null ? 0 : state.ring.length;
    }

    /** Index slots allocated for {@code source}, summed over its bins. */
    int retainedIndexCapacity(String source) {
        SourceState state = states.get(source);
        return state == null ? 0 : Arrays.stream(state.ring).mapToInt(b -> b.items.length).sum();
    }

    private void checkIndices(String source, Events chunk) {
        int inputs = mapping.inputs();
        for (int i = 0, n = chunk.size(); i < n; i++) {
            int input = mapping.index(chunk, i);
            if (input >= inputs) {
                throw new IllegalArgumentException("input mapping gave index " + input + " for event " + i
                        + " of source '" + source + "', expected below " + inputs);
            }
        }
    }

    /** Ring of the bins still needed by unfinished windows of one source. */
    private final class SourceState {
        private final BinSet[] ring = new BinSet[windowBins];
        /** Absolute bin number where the next window to emit starts. */
        private long nextStart;
        private long currentBin;
        private long currentBinEnd;
        private BinSet current;

        SourceState(long firstBin) {
            for (int i = 0; i < ring.length; i++) {
                ring[i] = new BinSet();
            }
            nextStart = firstBin;
            enter(firstBin);
        }

        void enter(long bin) {
            currentBin = bin;
            currentBinEnd = (bin + 1) * binMicros;
            current = ring[(int) Math.floorMod(bin, (long) windowBins)];
            current.reset(bin);
        }

        /** Emits the windows that end at or before the start of bin {@code bin}. */
        void emitCompleted(long bin, String source, List<TimedWindow> out) {
            while (nextStart + windowBins <= bin) {
                if (nextStart > currentBin) {
                    // every further completed window lies after the latest event: silent, so skip them at once
                    long hops = (bin - windowBins + 1 - nextStart + hopBins - 1) / hopBins;
                    nextStart += hops * hopBins;
                    return;
                }
                SpikeWindow window = window(nextStart);
                if (window != null) {
                    out.add(new TimedWindow(source, nextStart * binMicros, (nextStart + windowBins) * binMicros, window));
                }
                nextStart += hopBins;
            }
        }

        /** The window starting at bin {@code start}, or null if it is silent. */
        private SpikeWindow window(long start) {
            int[] offsets = new int[windowBins + 1];
            int total = 0;
            for (int b = 0; b < windowBins; b++) {
                BinSet set = binAt(start + b);
                if (set != null) {
                    set.sortUnique();
                    total += set.size;
                }
                offsets[b + 1] = total;
            }
            if (total == 0) {
                return null;
            }
            int[] indices = new int[total];
            for (int b = 0; b < windowBins; b++) {
                BinSet set = binAt(start + b);
                if (set != null) {
                    System.arraycopy(set.items, 0, indices, offsets[b], set.size);
                }
            }
            return SpikeWindow.of(mapping.inputs(), windowBins, offsets, indices);
        }

        private BinSet binAt(long bin) {
            BinSet set = ring[(int) Math.floorMod(bin, (long) windowBins)];
            return set.bin == bin ? set : null;
        }
    }

    /**
     * The active inputs of one bin. Appends are unsorted; repeats are squeezed out whenever the array
     * fills, so its size stays within twice the number of distinct inputs.
     */
    private static final class BinSet {
        private long bin = Long.MIN_VALUE;
        private int[] items = new int[16];
        private int size;
        private boolean sorted = true;

        void reset(long newBin) {
            bin = newBin;
            size = 0;
            sorted = true;
        }

        void add(int input) {
            if (size == items.length) {
                sortUnique();
                if (size > items.length / 2) {
                    items = Arrays.copyOf(items, items.length * 2);
                }
            }
            items[size++] = input;
            sorted = false;
        }

        void sortUnique() {
            if (sorted) {
                return;
            }
            Arrays.sort(items, 0, size);
            int unique = 0;
            for (int k = 0; k < size; k++) {
                if (unique == 0 || items[k] != items[unique - 1]) {
                    items[unique++] = items[k];
                }
            }
            size = unique;
            sorted = true;
        }
    }
}

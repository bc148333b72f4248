package io.liquidstream.core.stream;

import io.liquidstream.core.binning.SlidingWindows;
import io.liquidstream.core.binning.SpikeWindow;
import io.liquidstream.core.binning.TimedWindow;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.readout.LinearReadout;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirState;
import io.liquidstream.core.reservoir.SpikeHistory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Continuous streams read out from a carried liquid, per source ({@link SlidingSpec.Liquid#CARRIED}):
 * each source's {@link ReservoirState} runs on from bin to bin, so a new bin costs one reservoir step;
 * every hop is read out from the current state and the spikes of the latest bins ({@link SpikeHistory}):
 * the modality's firing-rate features over the latest window (for projection and association) and,
 * when the modality has a {@link LinearReadout}, its decoded values ({@link Decoding}).
 *
 * <p><b>Bins and hops.</b> Time is cut into bins of {@code binMicros} and hops of {@code hopBins} bins from
 * the bin of the source's first event; a hop is stepped once an event at or after its end arrives, or a
 * packet whose watermark ({@link Packet#watermarkMicros}) is at or after its end, whichever comes first. Hops
 * in which no event maps to an input are stepped too (the liquid decays and its recurrent activity runs
 * on) but not read out; a silence that leaves the state exactly at rest costs nothing further. Stepping
 * hop by hop leaves the state bit for bit where running the reservoir over the stream from its start
 * would ({@link LifReservoir#advance}).
 *
 * <p><b>Warm-up.</b> A source's liquid starts at rest with its first packet here. Its read-outs are
 * emitted once it has stepped {@code warmupBins} bins; before that its hops settle their packets without
 * output ({@link Dropped}). The liquid is not handed over between instances: when a source's inputs are
 * revoked ({@link #forget}, a rebalance) its state is dropped, and the instance it moved to, replaying from
 * the last committed offset, starts it from rest with a warm-up of its own. A source idle past the
 * timeout ({@link #close}) has its last hop read out, its packets settled and its state dropped too.
 * The liquid is chaotic, so a restarted liquid never re-synchronises spike for spike with the one it
 * replaces; after the warm-up its read-outs are those of a liquid that has run as long, not copies.
 *
 * <p><b>Acknowledgements.</b> A packet is settled by the first hop read out (or warmed up) that ends after
 * its last event; packets whose events can fall in no later hop (e.g. all cropped away) are dropped as
 * settled, so the pending list stays within a hop and a bin of time.
 */
final class ContinuousLiquid<A> implements SourceWindows<A> {

    private final String modality;
    private final ModalityRuntime runtime;
    private final SlidingSpec sliding;
    private final SlidingWindows hops;
    private final LongSupplier clock;
    private final PipelineMetrics metrics;
    private final int historyBins;
    private final Map<String, Liquid<A>> liquids = new HashMap<>();

    ContinuousLiquid(String modality, ModalityRuntime runtime, SlidingSpec sliding, LongSupplier clock,
                     PipelineMetrics metrics) {
        this.modality = modality;
        this.runtime = runtime;
        this.sliding = sliding;
        this.hops = new SlidingWindows(sliding.binMicros(), sliding.hopBins(), sliding.hopBins(), runtime.input().mapping());
        this.clock = clock;
        this.metrics = metrics;
        requireCompatible(runtime, sliding);
        LinearReadout decoder = runtime.decoder();
        this.historyBins = Math.max(sliding.windowBins(), decoder == null ? 1 : decoder.bins());
    }

    /**
     * @throws IllegalArgumentException if the modality's decoder was fitted on bins of another duration, or
     *     reads more segments than its bins hold
     */
    static void requireCompatible(ModalityRuntime runtime, SlidingSpec sliding) {
        LinearReadout decoder = runtime.decoder();
        if (decoder != null && decoder.binMicros() != sliding.binMicros()) {
            throw new IllegalArgumentException("the " + runtime.name() + " decoder was fitted on bins of "
                    + decoder.binMicros() + " us but the stream is binned in " + sliding.binMicros()
                    + " us (sliding.bin.us)");
        }
        if (runtime.readoutSegments() > sliding.windowBins()) {
            throw new IllegalArgumentException("the " + runtime.name() + " model reads " + runtime.readoutSegments()
                    + " segments but a window has only " + sliding.windowBins() + " bins (sliding.window.bins)");
        }
    }

    @Override
    public void accept(Packet<A> p, List<Outcome<A>> out) {
        Events events = runtime.input().transform().apply(p.events());
        List<TimedWindow> closed;
        try {
            closed = ContinuousWindows.closedBy(hops, p, events);
        } catch (IllegalArgumentException late) {
            out.add(new Rejected<>(p.ack(), RejectReason.TIME_BACKWARDS, "packet seq " + p.seq() + ": "
                    + late.getMessage()));
            return;
        }
        Liquid<A> liquid = liquids.computeIfAbsent(p.source(), s -> new Liquid<>(runtime.reservoir(), historyBins));
        long last = p.events().isEmpty() ? Long.MIN_VALUE : p.events().lastTime();
        liquid.pending.addLast(new Pending<>(p.ack(), last, p.receivedMicros(), p.label()));
        for (TimedWindow hop : closed) {
            step(p.source(), liquid, hop, out);
        }
        if (!p.events().isEmpty()) {
            dropBefore(p.source(), liquid.pending, p.events().lastTime() - sliding.hopMicros() - sliding.binMicros(), out);
        }
    }

    /** Steps the source's remaining hops, as the end of its stream would, settles its packets and drops its liquid. */
    @Override
    public void close(String source, List<Outcome<A>> out) {
        List<TimedWindow> closed = hops.flush(source);
        Liquid<A> liquid = liquids.remove(source);
        if (liquid == null) {
            return;
        }
        for (TimedWindow hop : closed) {
            step(source, liquid, hop, out);
        }
        dropBefore(source, liquid.pending, Long.MAX_VALUE, out);
    }

    @Override
    public void forget(String source) {
        liquids.remove(source);
        hops.reset(source);
    }

    /** Sources with a running liquid. */
    int sources() {
        return liquids.size();
    }

    private void step(String source, Liquid<A> liquid, TimedWindow hop, List<Outcome<A>> out) {
        long startBin = Math.floorDiv(hop.startMicros(), sliding.binMicros());
        if (liquid.nextBin != Long.MIN_VALUE && startBin > liquid.nextBin) {
            liquid.silence(runtime.reservoir(), startBin - liquid.nextBin);
        }
        runtime.reservoir().advance(liquid.state, hop.window(), liquid.history);
        liquid.stepped += hop.window().bins();
        liquid.nextBin = Math.floorDiv(hop.endMicros(), sliding.binMicros());

        List<A> acks = new ArrayList<>();
        ArrayDeque<Pending<A>> queue = liquid.pending;
        long firstReceived = queue.isEmpty() ? clock.getAsLong() : queue.peekFirst().receivedMicros;
        Integer label = queue.isEmpty() ? null : queue.peekLast().label;
        while (!queue.isEmpty() && queue.peekFirst().lastTime < hop.endMicros()) {
            acks.add(queue.pollFirst().ack);
        }
        if (liquid.stepped < sliding.warmupBins()) {
            for (A ack : acks) {
                out.add(new Dropped<>(ack, "source '" + source + "' warming up its liquid (" + liquid.stepped + " of "
                        + sliding.warmupBins() + " bins)"));
            }
            return;
        }
        long end = hop.endMicros();
        Window<A> window = new Window<>(source, modality, null, label, end - sliding.windowMicros(), end, hop.window(),
                firstReceived, clock.getAsLong(), acks);
        metrics.window(modality);
        float[] features = liquid.history.rates(sliding.windowBins(), runtime.readoutSegments());
        LinearReadout decoder = runtime.decoder();
        Decoding decoding = decoder == null ? null
                : new Decoding(hop.startMicros(), decoder.names(), decoder.decode(liquid.history));
        out.add(new Encoded<>(window, features, decoding));
    }

    /** Settles the pending packets whose last event is before {@code horizon}: they fell in no stepped hop. */
    private static <A> void dropBefore(String source, ArrayDeque<Pending<A>> queue, long horizon, List<Outcome<A>> out) {
        while (!queue.isEmpty() && queue.peekFirst().lastTime < horizon) {
            out.add(new Dropped<>(queue.pollFirst().ack, "events of source '" + source
                    + "' fell in no non-empty hop"));
        }
    }

    /** One source's running liquid, its recent spikes and its packets not yet settled. */
    private static final class Liquid<A> {
        final ReservoirState state;
        final SpikeHistory history;
        final ArrayDeque<Pending<A>> pending = new ArrayDeque<>();
        /** The bin the state has stepped up to (exclusive); MIN_VALUE before the first hop. */
        long nextBin = Long.MIN_VALUE;
        /** Bins stepped since rest, silent ones included. */
        long stepped;
        private SpikeWindow silentHop;

        Liquid(LifReservoir reservoir, int historyBins) {
            this.state = reservoir.state();
            this.history = new SpikeHistory(reservoir.neurons(), historyBins);
        }

        /** Steps {@code bins} bins without input; once the state is exactly at rest, the rest are skipped. */
        void silence(LifReservoir reservoir, long bins) {
            long left = bins;
            while (left > 0 && !state.atRest()) {
                int n = (int) Math.min(left, history.capacity());
                if (silentHop == null || silentHop.bins() != n) {
                    silentHop = SpikeWindow.of(reservoir.spec().inputs(), n, new int[n + 1], new int[0]);
                }
                reservoir.advance(state, silentHop, history);
                left -= n;
            }
            // At rest every further silent bin leaves the state as it is and records no spike.
            for (long k = 0; k < Math.min(left, history.capacity()); k++) {
                history.bin(0, EMPTY, 0);
            }
            stepped += bins;
        }
    }

    private static final int[] EMPTY = new int[0];

    private record Pending<A>(A ack, long lastTime, long receivedMicros, Integer label) {
    }
}

package io.liquidstream.core.stream;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.binning.SlidingWindows;
import io.liquidstream.core.binning.TimedWindow;
import io.liquidstream.core.event.Events;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Sliding windows over continuous streams, per source. A packet's events may fall in several
 * overlapping windows, so its acknowledgement rides on the last of them: it is released with the
 * first emitted window that starts after {@code lastEvent - hop}, since every later window starts after
 * the packet's events. Packets whose events can no longer fall in any window (the source moved more
 * than a window past them without an emitted window, e.g. all cropped away) are dropped as settled, so
 * the pending list stays within one window of time.
 */
final class ContinuousWindows<A> implements SourceWindows<A> {

    private final String modality;
    private final InputSpec spec;
    private final SlidingSpec sliding;
    private final SlidingWindows windows;
    private final LongSupplier clock;
    private final PipelineMetrics metrics;
    private final Map<String, ArrayDeque<Pending<A>>> pending = new HashMap<>();

    ContinuousWindows(String modality, InputSpec spec, SlidingSpec sliding, LongSupplier clock, PipelineMetrics metrics) {
        this.modality = modality;
        this.spec = spec;
        this.sliding = sliding;
        this.windows = new SlidingWindows(sliding.binMicros(), sliding.windowBins(), sliding.hopBins(), spec.mapping());
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void accept(Packet<A> p, List<Outcome<A>> out) {
        Events events = spec.transform().apply(p.events());
        List<TimedWindow> closed;
        try {
            closed = closedBy(windows, p, events);
        } catch (IllegalArgumentException late) {
            out.add(new Rejected<>(p.ack(), RejectReason.TIME_BACKWARDS, "packet seq " + p.seq() + ": "
                    + late.getMessage()));
            return;
        }
        ArrayDeque<Pending<A>> queue = pending.computeIfAbsent(p.source(), s -> new ArrayDeque<>());
        long last = p.events().isEmpty() ? Long.MIN_VALUE : p.events().lastTime();
        queue.addLast(new Pending<>(p.ack(), last, p.receivedMicros(), p.label()));
        emit(p.source(), p.label(), closed, queue, p.receivedMicros(), out);
        if (!p.events().isEmpty()) {
            dropBefore(p.source(), queue, p.events().lastTime() - sliding.windowMicros() - sliding.binMicros(), out);
        }
        if (queue.isEmpty()) {
            pending.remove(p.source());
        }
    }

    /**
     * Completes the source's remaining windows, as the end of its stream would, and settles every packet
     * still pending; its next packet starts a fresh window grid. A source that resumes after more than a
     * window of its own time would have closed the same windows with its next packet.
     */
    @Override
    public void close(String source, List<Outcome<A>> out) {
        List<TimedWindow> closed = windows.flush(source);
        ArrayDeque<Pending<A>> queue = pending.remove(source);
        if (queue == null) {
            return;
        }
        emit(source, queue.peekLast().label, closed, queue, clock.getAsLong(), out);
        dropBefore(source, queue, Long.MAX_VALUE, out);
    }

    @Override
    public void forget(String source) {
        pending.remove(source);
        windows.reset(source);
    }

    /**
     * The windows a packet completes: those its events close, then those its watermark passes.
     *
     * @throws IllegalArgumentException if its events are late for their source
     */
    static List<TimedWindow> closedBy(SlidingWindows windows, Packet<?> p, Events events) {
        List<TimedWindow> closed = windows.accept(p.source(), events);
        List<TimedWindow> passed = p.hasWatermark() ? windows.advance(p.source(), p.watermarkMicros()) : List.of();
        if (passed.isEmpty()) {
            return closed;
        }
        List<TimedWindow> all = new ArrayList<>(closed);
        all.addAll(passed);
        return all;
    }

    /** Emits the closed windows, each with the pending acks whose events can fall in no later window. */
    private void emit(String source, Integer label, List<TimedWindow> closed, ArrayDeque<Pending<A>> queue,
                      long receivedIfNonePending, List<Outcome<A>> out) {
        long now = clock.getAsLong();
        for (TimedWindow w : closed) {
            List<A> acks = new ArrayList<>();
            long firstReceived = queue.isEmpty() ? receivedIfNonePending : queue.peekFirst().receivedMicros;
            while (!queue.isEmpty() && queue.peekFirst().lastTime < w.startMicros() + sliding.hopMicros()) {
                acks.add(queue.pollFirst().ack);
            }
            metrics.window(modality);
            out.add(new Window<>(source, modality, null, label, w.startMicros(), w.endMicros(), w.window(),
                    firstReceived, now, acks));
        }
    }

    /** Settles the pending packets whose last event is before {@code horizon}: they fell in no emitted window. */
    private static <A> void dropBefore(String source, ArrayDeque<Pending<A>> queue, long horizon, List<Outcome<A>> out) {
        while (!queue.isEmpty() && queue.peekFirst().lastTime < horizon) {
            out.add(new Dropped<>(queue.pollFirst().ack, "events of source '" + source
                    + "' fell in no non-empty window"));
        }
    }

    private record Pending<A>(A ack, long lastTime, long receivedMicros, Integer label) {
    }
}

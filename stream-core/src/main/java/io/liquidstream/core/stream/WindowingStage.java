package io.liquidstream.core.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Per-source sequencing and windowing for one rail. Not thread-safe: each rail owns one instance and
 * feeds it one outcome at a time, so a source's packets are handled in the order they arrive.
 *
 * <p><b>Sequence policy.</b> A source's first packet sets the expected {@code seq}. A packet with the
 * expected {@code seq} is windowed, then any held-back successors. A packet ahead of it waits in a
 * reorder buffer of at most {@code reorderPackets} packets per source; when the buffer overflows, the
 * missing numbers are given up (counted as a gap) and windowing resumes at the lowest held packet.
 * A packet behind the expected {@code seq} is a duplicate (dropped, counted), or, if its number was
 * given up as a gap, LATE (to the DLQ, since the windows it belonged to are already closed).
 *
 * <p><b>Idle sources.</b> A source that sends nothing for {@code sourceIdleTimeout} (on the stage's
 * clock) while it has packets held or a window open would keep their inputs unacknowledged, and so hold
 * back every later offset of its partition. {@link #expire(long)} gives up such a source's missing
 * numbers, windows its held packets, and closes its open windows with what arrived.
 *
 * <p>Outcomes that are not packets pass through unchanged.
 */
public final class WindowingStage<A> {

    /** Numbers given up as gaps remembered per source, to tell late packets from duplicates. */
    private static final int REMEMBERED_GAPS = 1024;

    private final PipelineSettings settings;
    private final PipelineMetrics metrics;
    private final Map<String, SourceWindows<A>> byModality = new HashMap<>();
    private final Map<String, Sequence<A>> sequences = new HashMap<>();
    private final LongSupplier clock;
    private final Predicate<A> revoked;
    private final long idleMicros;
    /** Latest packet time per source, least recently heard first (each packet moves its source last). */
    private final LinkedHashMap<String, Long> lastHeard = new LinkedHashMap<>();

    public WindowingStage(Map<String, ModalityRuntime> models, PipelineSettings settings, PipelineMetrics metrics,
                          LongSupplier clockMicros) {
        this(models, settings, metrics, clockMicros, ack -> false);
    }

    /**
     * @param revoked whether an input's acknowledgement has become void because its partition went to
     *     another consumer; a source whose latest input is void starts afresh with its next packet,
     *     since the new owner of its partition replays everything not yet committed
     */
    public WindowingStage(Map<String, ModalityRuntime> models, PipelineSettings settings, PipelineMetrics metrics,
                          LongSupplier clockMicros, Predicate<A> revoked) {
        this.revoked = revoked;
        this.settings = settings;
        this.metrics = metrics;
        this.idleMicros = micros(settings.sourceIdleTimeout());
        this.clock = clockMicros;
        for (ModalityRuntime m : models.values()) {
            SlidingSpec sliding = settings.sliding().get(m.name());
            byModality.put(m.name(), sliding == null
                    ? new SampleWindows<>(m.name(), m.input(), settings.maxSampleEvents(), clockMicros, metrics)
                    : sliding.liquid() == SlidingSpec.Liquid.CARRIED
                    ? new ContinuousLiquid<>(m.name(), m, sliding, clockMicros, metrics)
                    : new ContinuousWindows<>(m.name(), m.input(), sliding, clockMicros, metrics));
        }
    }

    /** The outcomes caused by one input, in order. */
    public List<Outcome<A>> accept(Outcome<A> in) {
        if (!(in instanceof Packet<A> p)) {
            return List.of(in);
        }
        metrics.packet(p.modality(), p.events().size());
        SourceWindows<A> windows = byModality.get(p.modality());
        if (windows == null) {
            return List.of(new Rejected<>(p.ack(), RejectReason.UNKNOWN_MODALITY, "expected a modality of "
                    + byModality.keySet() + ", found '" + p.modality() + "' from source '" + p.source() + "'"));
        }
        List<Outcome<A>> out = new ArrayList<>(2);
        lastHeard.remove(p.source());
        lastHeard.put(p.source(), clock.getAsLong());
        forgetIfRevoked(p.source());
        Sequence<A> seq = sequences.computeIfAbsent(p.source(), s -> new Sequence<>(p.seq()));
        seq.latest = p.ack();
        if (p.seq() < seq.next) {
            if (seq.givenUp.remove(p.seq())) {
                out.add(new Rejected<>(p.ack(), RejectReason.LATE, "packet seq " + p.seq() + " of source '"
                        + p.source() + "' arrived after its gap was given up; the stream had reached seq " + seq.next));
            } else {
                metrics.duplicate();
                out.add(new Dropped<>(p.ack(), "duplicate seq " + p.seq() + " of source '" + p.source() + "'"));
            }
            return out;
        }
        if (p.seq() > seq.next) {
            if (seq.held.putIfAbsent(p.seq(), p) != null) {
                metrics.duplicate();
                out.add(new Dropped<>(p.ack(), "duplicate seq " + p.seq() + " of source '" + p.source() + "'"));
                return out;
            }
            metrics.reorderBuffered(1);
            if (seq.held.size() <= settings.reorderPackets()) {
                return out;
            }
            giveUpGap(seq);
        } else {
            window(windows, p, seq, out);
        }
        windowHeldInOrder(seq, out);
        return out;
    }

    /**
     * Expires the sources heard from last at least {@code sourceIdleTimeout} before {@code nowMicros}:
     * gives up each one's missing numbers (counted as gaps), windows its held packets in order, and closes
     * its open windows with what arrived. Costs one step per expired source, plus one.
     *
     * @return the outcomes, in order per source
     */
    public List<Outcome<A>> expire(long nowMicros) {
        List<Outcome<A>> out = new ArrayList<>();
        var it = lastHeard.entrySet().iterator();
        while (it.hasNext()) {
            var heard = it.next();
            // least recently heard first: the first source not idle ends the scan
            if (nowMicros - heard.getValue() < idleMicros) {
                break;
            }
            it.remove();
            expire(heard.getKey(), out);
        }
        return out;
    }

    private void expire(String source, List<Outcome<A>> out) {
        int before = out.size();
        Sequence<A> seq = sequences.get(source);
        boolean held = seq != null && !seq.held.isEmpty();
        while (seq != null && !seq.held.isEmpty()) {
            giveUpGap(seq);
            windowHeldInOrder(seq, out);
        }
        for (SourceWindows<A> windows : byModality.values()) {
            windows.close(source, out);
        }
        if (held || out.size() > before) {
            metrics.sourceExpired();
        }
    }

    /** Sources with sequence state on this rail. */
    public int sources() {
        return sequences.size();
    }

    /** Drops a source's sequence, held packets and open windows when its latest input was revoked. */
    private void forgetIfRevoked(String source) {
        Sequence<A> seq = sequences.get(source);
        if (seq == null || seq.latest == null || !revoked.test(seq.latest)) {
            return;
        }
        sequences.remove(source);
        metrics.reorderBuffered(-seq.held.size());
        byModality.values().forEach(w -> w.forget(source));
    }

    /** Gives up the numbers missing before the lowest held packet, which becomes the expected one. */
    private void giveUpGap(Sequence<A> seq) {
        long resume = seq.held.firstKey();
        metrics.gap(resume - seq.next);
        // only the latest REMEMBERED_GAPS numbers are kept, so a huge gap costs no more than that
        for (long missing = Math.max(seq.next, resume - REMEMBERED_GAPS); missing < resume; missing++) {
            seq.giveUp(missing);
        }
        seq.next = resume;
    }

    private void windowHeldInOrder(Sequence<A> seq, List<Outcome<A>> out) {
        while (!seq.held.isEmpty() && seq.held.firstKey() == seq.next) {
            metrics.reorderBuffered(-1);
            Packet<A> next = seq.held.pollFirstEntry().getValue();
            window(byModality.get(next.modality()), next, seq, out);
        }
    }

    private static long micros(Duration d) {
        try {
            return Math.max(1, d.toNanos() / 1000);
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private void window(SourceWindows<A> windows, Packet<A> p, Sequence<A> seq, List<Outcome<A>> out) {
        seq.next = p.seq() + 1;
        windows.accept(p, out);
    }

    /** One source's sequence position, held-back packets and recently given-up numbers. */
    private static final class Sequence<A> {
        long next;
        A latest;
        final TreeMap<Long, Packet<A>> held = new TreeMap<>();
        final Set<Long> givenUp = new LinkedHashSet<>();

        Sequence(long first) {
            this.next = first;
        }

        void giveUp(long missing) {
            givenUp.add(missing);
            if (givenUp.size() > REMEMBERED_GAPS) {
                var it = givenUp.iterator();
                it.next();
                it.remove();
            }
        }
    }
}

package io.liquidstream.core.stream;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.Events;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Windows by sample markers: a source's packets with one {@code sampleId} form one window, closed by
 * {@code endOfSample}, by the first packet of another sample, or by {@link #close} when the source goes
 * idle (a later packet of that sample then starts it afresh). One open sample per source, of at most
 * {@code maxSampleEvents} events: a sample that grows beyond goes to the DLQ whole (OVERSIZED), and so
 * do its later packets.
 *
 * <p>Packets of one sample may overlap in time (a producer may cut packets by event count and stamp
 * {@code t0} on a coarser grid): a sample is binned whole once closed, so its events are merged by time
 * then, and no packet of an open sample is turned away for its times. That also keeps every packet
 * marked {@code endOfSample} closing its sample, rather than leaving it open with unsettled inputs.
 */
final class SampleWindows<A> implements SourceWindows<A> {

    private final String modality;
    private final InputSpec spec;
    private final int maxSampleEvents;
    private final LongSupplier clock;
    private final PipelineMetrics metrics;
    private final Map<String, OpenSample<A>> open = new HashMap<>();
    private final Map<String, String> oversized = new HashMap<>();

    SampleWindows(String modality, InputSpec spec, int maxSampleEvents, LongSupplier clock, PipelineMetrics metrics) {
        this.modality = modality;
        this.spec = spec;
        this.maxSampleEvents = maxSampleEvents;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void accept(Packet<A> p, List<Outcome<A>> out) {
        String source = p.source();
        if (p.sampleId() == null) {
            out.add(new Rejected<>(p.ack(), RejectReason.MALFORMED, "modality '" + p.modality()
                    + "' is windowed by samples, so packets need a sampleId; packet seq " + p.seq() + " of source '"
                    + source + "' has none"));
            return;
        }
        if (p.sampleId().equals(oversized.get(source))) {
            out.add(new Rejected<>(p.ack(), RejectReason.OVERSIZED, "sample '" + p.sampleId() + "' of source '"
                    + source + "' already exceeded " + maxSampleEvents + " events"));
            return;
        }
        oversized.remove(source);
        OpenSample<A> sample = open.get(source);
        if (sample != null && !sample.id.equals(p.sampleId())) {
            closeOpen(source, out);
            sample = null;
        }
        Events events = p.events();
        if (sample == null) {
            sample = new OpenSample<>(p.sampleId(), p.label(), p.receivedMicros());
            open.put(source, sample);
            metrics.openSamples(1);
        }
        if ((long) sample.size + events.size() > maxSampleEvents) {
            open.remove(source);
            metrics.openSamples(-1);
            oversized.put(source, sample.id);
            String detail = "sample '" + sample.id + "' of source '" + source + "' exceeds " + maxSampleEvents
                    + " events";
            for (A ack : sample.acks) {
                out.add(new Rejected<>(ack, RejectReason.OVERSIZED, detail));
            }
            out.add(new Rejected<>(p.ack(), RejectReason.OVERSIZED, detail));
            return;
        }
        sample.add(events, p.ack());
        if (p.endOfSample()) {
            closeOpen(source, out);
        }
    }

    /** Closes the source's open sample, if any, with what arrived, as the first packet of another sample would. */
    @Override
    public void close(String source, List<Outcome<A>> out) {
        if (open.containsKey(source)) {
            closeOpen(source, out);
        }
    }

    @Override
    public void forget(String source) {
        oversized.remove(source);
        if (open.remove(source) != null) {
            metrics.openSamples(-1);
        }
    }

    private void closeOpen(String source, List<Outcome<A>> out) {
        OpenSample<A> sample = open.remove(source);
        metrics.openSamples(-1);
        Events events = sample.events(spec);
        if (events.isEmpty()) {
            for (A ack : sample.acks) {
                out.add(new Dropped<>(ack, "sample '" + sample.id + "' of source '" + source + "' has no events"));
            }
            return;
        }
        metrics.window(modality);
        out.add(new Window<>(source, modality, sample.id, sample.label, events.firstTime(), events.lastTime(),
                spec.encode(events), sample.firstReceived, clock.getAsLong(), sample.acks));
    }

    /** A sample being assembled: its packets' events in arrival order, merged by time when it closes. */
    private static final class OpenSample<A> {
        final String id;
        final Integer label;
        final long firstReceived;
        final List<A> acks = new ArrayList<>();
        final List<Events> parts = new ArrayList<>();
        int size;

        OpenSample(String id, Integer label, long firstReceived) {
            this.id = id;
            this.label = label;
            this.firstReceived = firstReceived;
        }

        void add(Events events, A ack) {
            acks.add(ack);
            if (!events.isEmpty()) {
                parts.add(events);
                size += events.size();
            }
        }

        /** The sample's events in time order; the builder sorts them (stably) only if packets overlapped. */
        Events events(InputSpec spec) {
            Events.Builder all = Events.builder(spec.expectedGeometry(), size);
            for (Events part : parts) {
                for (int i = 0; i < part.size(); i++) {
                    all.add(part.t(i), part.x(i), part.y(i), part.p(i));
                }
            }
            return all.build();
        }
    }
}

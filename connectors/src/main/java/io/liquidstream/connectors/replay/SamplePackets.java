package io.liquidstream.connectors.replay;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.schemas.EventPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A labelled data set as one source's packet stream: sample after sample, each a run of packets with
 * its id and label whose last packet ends the sample. Samples are laid one after another on the
 * source's clock, {@link #GAP_MICROS} apart, so time keeps increasing across the whole stream and a
 * paced replay plays them in sequence; with a sample period, sample k starts at k periods (or, when the
 * one before runs longer, {@link #GAP_MICROS} after it), so two data sets of the same trials in the same
 * order, replayed with the same period, start each trial at the same source time. Only the sample being
 * cut is held in memory.
 */
final class SamplePackets extends CutPackets {

    /** Silence between the last event of one sample and the start of the next. */
    static final long GAP_MICROS = 10_000;

    private final Iterator<LabeledSample> samples;
    private final String description;
    private final AutoCloseable resources;
    private final long periodMicros;
    private long cursor;

    /** @param periodMicros sample period on the source clock, or 0 to lay samples back to back */
    SamplePackets(Iterator<LabeledSample> samples, PacketCutter cutter, String description, AutoCloseable resources,
            long periodMicros) {
        super(cutter, description);
        this.periodMicros = periodMicros;
        this.samples = samples;
        this.description = description;
        this.resources = resources;
    }

    @Override
    boolean cutNext(ArrayDeque<EventPacket> ready) throws IOException {
        LabeledSample sample = nextSample();
        if (sample == null) {
            return false;
        }
        Events events = sample.events();
        // A sample's own clock starts at 0; a negative first time moves its origin back so shifted times stay ahead of the cursor.
        long origin = events.isEmpty() ? 0 : Math.min(0, events.t(0));
        long shift = cursor - origin;
        // Negative labels mark samples without a class (e.g. N-TIDIGITS digit sequences): sent without a label.
        cutter.sample(sample.id(), sample.label() < 0 ? null : sample.label(), events, shift, ready::add);
        long end = events.isEmpty() ? shift : events.t(events.size() - 1) + shift;
        cursor = Math.max(end + GAP_MICROS, periodMicros > 0 ? cursor + periodMicros : 0);
        return true;
    }

    private LabeledSample nextSample() throws IOException {
        try {
            return samples.hasNext() ? samples.next() : null;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            resources.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot close " + description, e);
        }
    }
}

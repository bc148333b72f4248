package io.liquidstream.core.stream;

import io.liquidstream.core.binning.SpikeWindow;
import java.util.List;
import java.util.Objects;

/**
 * A closed window of one source: a whole sample, or one sliding window of a continuous stream,
 * binned as reservoir input.
 *
 * @param source source id
 * @param modality modality name
 * @param sampleId the sample's id, or null for a sliding window
 * @param label class label when known, or null
 * @param startMicros first event (sample) or window start (sliding), source clock
 * @param endMicros last event (sample) or window end (sliding), source clock
 * @param input the binned reservoir input
 * @param firstEventWallMicros wall-clock time the window's first packet was received
 * @param closeWallMicros wall-clock time the window closed
 * @param acks acknowledgements of the inputs that are settled once this window's outputs are written
 * @param <A> acknowledgement type
 */
public record Window<A>(String source, String modality, String sampleId, Integer label, long startMicros,
                        long endMicros, SpikeWindow input, long firstEventWallMicros, long closeWallMicros,
                        List<A> acks) implements Outcome<A> {

    public Window {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(input, "input");
        acks = List.copyOf(acks);
    }
}

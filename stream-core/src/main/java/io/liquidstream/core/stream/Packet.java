package io.liquidstream.core.stream;

import io.liquidstream.core.event.Events;
import java.util.Objects;

/**
 * A validated input packet: one source's events on its modality's sensor geometry, in absolute
 * source-clock microseconds.
 *
 * @param source source id
 * @param modality modality name, as in the model bundle
 * @param seq per-source sequence number
 * @param events the events, time-ordered, addresses inside the modality's sensor
 * @param sampleId sample the events belong to, or null for continuous streams
 * @param label class label when known, or null
 * @param endOfSample whether this is the sample's last packet
 * @param watermarkMicros source time up to which the source's stream is complete with this packet (no later
 *     packet holds an event before it), or {@link #NO_WATERMARK}
 * @param receivedMicros wall-clock time the packet was received, for latency accounting
 * @param ack the caller's acknowledgement for this input
 * @param <A> acknowledgement type
 */
public record Packet<A>(String source, String modality, long seq, Events events, String sampleId, Integer label,
                        boolean endOfSample, long watermarkMicros, long receivedMicros, A ack) implements Outcome<A> {

    /** The source made no promise about later packets. */
    public static final long NO_WATERMARK = Long.MIN_VALUE;

    public Packet {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(events, "events");
    }

    /** A packet without a watermark. */
    public Packet(String source, String modality, long seq, Events events, String sampleId, Integer label,
                  boolean endOfSample, long receivedMicros, A ack) {
        this(source, modality, seq, events, sampleId, label, endOfSample, NO_WATERMARK, receivedMicros, ack);
    }

    /** Whether the packet carries a watermark. */
    public boolean hasWatermark() {
        return watermarkMicros != NO_WATERMARK;
    }
}

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
 * @param receivedMicros wall-clock time the packet was received, for latency accounting
 * @param ack the caller's acknowledgement for this input
 * @param <A> acknowledgement type
 */
public record Packet<A>(String source, String modality, long seq, Events events, String sampleId, Integer label,
                        boolean endOfSample, long receivedMicros, A ack) implements Outcome<A> {

    public Packet {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(events, "events");
    }
}

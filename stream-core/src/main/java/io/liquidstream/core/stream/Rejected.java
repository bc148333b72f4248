package io.liquidstream.core.stream;

import java.util.Objects;

/**
 * An input that cannot be processed and goes to the dead-letter queue; the stream goes on.
 *
 * @param ack the input's acknowledgement, settled once the dead letter is written
 * @param reason the category, for the DLQ header and the metrics
 * @param detail what was expected, what was found and where
 * @param <A> acknowledgement type
 */
public record Rejected<A>(A ack, RejectReason reason, String detail) implements Outcome<A> {

    public Rejected {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}

package io.liquidstream.core.stream;

/** A packet that cannot enter the pipeline, with the {@link RejectReason} it goes to the DLQ under. */
public final class InvalidPacketException extends RuntimeException {

    private final RejectReason reason;

    public InvalidPacketException(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}

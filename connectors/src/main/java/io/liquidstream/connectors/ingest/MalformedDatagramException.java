package io.liquidstream.connectors.ingest;

/** A datagram that does not follow its format; the message says what was expected and what was found. */
final class MalformedDatagramException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedDatagramException(String message) {
        super(message);
    }
}

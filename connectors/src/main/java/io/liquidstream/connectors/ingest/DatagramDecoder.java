package io.liquidstream.connectors.ingest;

import java.nio.ByteBuffer;

/**
 * Decodes the events of one UDP datagram of a given layout. A decoder may keep state between datagrams
 * (a 32-bit clock's wrap count), so each source has its own; it only updates that state for datagrams it
 * accepts.
 */
interface DatagramDecoder {

    /**
     * Checks the whole datagram, then hands its events to {@code sink}.
     *
     * @param datagram the payload, from its position to its limit (read little-endian, whatever its order)
     * @param arrivalMicros when it arrived, for layouts whose events carry no time
     * @throws MalformedDatagramException before any event reaches {@code sink}, if the datagram does not
     *     follow the layout
     */
    void decode(ByteBuffer datagram, long arrivalMicros, EventSink sink) throws MalformedDatagramException;

    /**
     * The number of whole {@code recordBytes}-byte records of {@code layout} in the little-endian view
     * {@code d} of a datagram.
     *
     * @throws MalformedDatagramException if the datagram is empty or ends inside a record
     */
    static int records(ByteBuffer d, int recordBytes, String layout) throws MalformedDatagramException {
        int length = d.remaining();
        if (length == 0 || length % recordBytes != 0) {
            throw new MalformedDatagramException(length + "-byte datagram; expected a positive multiple of "
                    + recordBytes + "-byte " + layout);
        }
        return length / recordBytes;
    }

    /** The refusal of a datagram whose event {@code event} at {@code t} us comes before the one before it. */
    static MalformedDatagramException timeGoesBack(int event, long t, long previous, String times) {
        return new MalformedDatagramException("event " + event + " at " + t + " us follows " + previous
                + " us in the same datagram; expected non-decreasing " + times);
    }
}

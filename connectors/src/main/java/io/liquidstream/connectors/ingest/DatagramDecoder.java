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
}

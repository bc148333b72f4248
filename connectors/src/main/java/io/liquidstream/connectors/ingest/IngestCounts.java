package io.liquidstream.connectors.ingest;

/**
 * What an ingester has read so far and what it refused, before any packet reaches Kafka.
 *
 * @param received datagrams (UDP) or event packets (AEDAT 4 streams) read
 * @param receivedBytes their bytes
 * @param acceptedEvents events handed on to be cut into packets and sent
 * @param droppedDatagrams datagrams dropped because the hand-off to Kafka was full (UDP only; the reader
 *     never waits for Kafka, so that the socket keeps being drained)
 * @param droppedEvents the events in those datagrams
 * @param malformed datagrams or stream packets refused whole as not following their format
 * @param outsideSensor events whose address lies outside the sensor, dropped one by one
 * @param late events earlier than one already accepted, dropped one by one (packets keep time order)
 * @param connections connections made (TCP)
 * @param disconnects connections lost or closed, each followed by a reconnection (TCP)
 */
public record IngestCounts(long received, long receivedBytes, long acceptedEvents, long droppedDatagrams,
        long droppedEvents, long malformed, long outsideSensor, long late, long connections, long disconnects) {

    /** Events read but not sent on: in dropped datagrams, outside the sensor, or late. */
    public long refusedEvents() {
        return droppedEvents + outsideSensor + late;
    }
}

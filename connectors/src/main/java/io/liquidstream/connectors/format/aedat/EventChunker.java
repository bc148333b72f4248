package io.liquidstream.connectors.format.aedat;

import io.liquidstream.connectors.format.EventChunk;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a format decoder into {@code next(maxEvents)} chunks: the decoder appends events to an
 * {@link EventChunk}, which checks each against the sensor and time order and holds back damage until
 * the events before it are delivered.
 *
 * <p>Damage is sticky: once a chunk ended at damage, every later {@link #next(int)} throws it again.
 */
final class EventChunker {

    /** Decodes the next events of one file into a chunker. */
    interface Decoder {
        /**
         * Appends events until {@link EventChunker#isFull()} or the data ends.
         *
         * @return false if the end of the data was reached
         * @throws EventFormatException at damage; events appended before it are still delivered
         */
        boolean fill(EventChunker out) throws IOException;
    }

    private final EventChunk chunk;
    private final Decoder decoder;
    private boolean ended;

    EventChunker(Path file, SensorGeometry geometry, Decoder decoder) {
        this.chunk = new EventChunk(file, geometry);
        this.decoder = decoder;
    }

    Events next(int maxEvents) throws IOException {
        chunk.begin(maxEvents);
        if (ended) {
            return null;
        }
        try {
            ended = !decoder.fill(this);
        } catch (EventFormatException e) {
            return chunk.endWith(e);
        }
        return chunk.end();
    }

    boolean isFull() {
        return chunk.isFull();
    }

    /**
     * Appends one event read at byte {@code offset}.
     *
     * @throws EventFormatException if the address lies outside the sensor or time goes backwards
     */
    void add(long time, int xx, int yy, int pol, long offset) throws EventFormatException {
        chunk.add(time, xx, yy, pol, offset);
    }

    /** Damage at {@code offset}, noting how many events of the file precede it. */
    EventFormatException damage(long offset, String detail) {
        return chunk.damage(offset, detail);
    }
}

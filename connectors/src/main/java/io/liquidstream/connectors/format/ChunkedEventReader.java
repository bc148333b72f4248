package io.liquidstream.connectors.format;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The skeleton of a streaming {@link EventFileReader}: {@link #next(int)} has the format's decoder
 * {@link #fill()} an {@link EventChunk}, which checks each event against the sensor and time order and
 * holds damage back until the events before it are delivered. Once the data ended, {@code next} returns
 * null; once it met damage, every later {@code next} throws it again. {@link #close()} closes the input.
 */
public abstract class ChunkedEventReader implements EventFileReader {

    /** The chunk the decoder appends to. */
    protected final EventChunk chunk;
    private final String format;
    private final Closeable input;
    private boolean ended;

    protected ChunkedEventReader(String format, Path file, SensorGeometry geometry, Closeable input) {
        this.format = format;
        this.chunk = new EventChunk(file, geometry);
        this.input = input;
    }

    /**
     * Decodes more of the data, appending events to {@link #chunk} (at most until it is full); called until
     * the chunk is full or this returns false.
     *
     * @return false if the end of the data was reached
     * @throws EventFormatException at damage; events appended before it are still delivered
     */
    protected abstract boolean fill() throws IOException;

    /**
     * Makes the next {@code size}-byte unit of {@code in} readable.
     *
     * @param unit what the unit is, for the damage report, e.g. "a 4-byte EVT 2.0 word"
     * @return false at the end of the file
     * @throws EventFormatException if the file ends inside the unit
     */
    protected final boolean nextUnit(ByteSource in, int size, String unit) throws IOException {
        long at = in.offset();
        int available = in.available(size);
        if (available == 0) {
            return false;
        }
        if (available < size) {
            throw chunk.damage(at, "file ends " + available + (available == 1 ? " byte" : " bytes") + " into " + unit);
        }
        return true;
    }

    @Override
    public final String format() {
        return format;
    }

    @Override
    public SensorGeometry geometry() {
        return chunk.geometry();
    }

    @Override
    public final Events next(int maxEvents) throws IOException {
        chunk.begin(maxEvents);
        if (ended) {
            return null;
        }
        try {
            while (!ended && !chunk.isFull()) {
                ended = !fill();
            }
        } catch (EventFormatException damage) {
            return chunk.endWith(damage);
        }
        return chunk.end();
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}

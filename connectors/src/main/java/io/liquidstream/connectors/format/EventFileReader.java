package io.liquidstream.connectors.format;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one recording file as a stream of time-ordered event chunks, never holding the whole file.
 *
 * <p>Implementations read lazily: {@link #next(int)} decodes at most {@code maxEvents} more events.
 * A malformed or truncated file yields the events before the damage, then {@code next} throws an
 * {@link EventFormatException} naming the file, the byte offset and what was expected there.
 */
public interface EventFileReader extends AutoCloseable {

    /** Short format name, e.g. {@code "aedat2"}, {@code "evt2"}, {@code "nmnist"}. */
    String format();

    /** The sensor's address space, from the file header or the format's fixed geometry. */
    SensorGeometry geometry();

    /** The recording's absolute start time in microseconds since the epoch, when the header states it. */
    default Optional<Long> startEpochMicros() {
        return Optional.empty();
    }

    /**
     * What the file holds beyond its events, for {@code inspect} (e.g. an NWB file's units and trials):
     * names to strings, numbers or lists of them. Empty for formats that are events only.
     */
    default Map<String, Object> details() {
        return Map.of();
    }

    /**
     * The next chunk of at most {@code maxEvents} events in time order, or {@code null} at the end of
     * the file. Chunks may be shorter than asked, but never empty.
     */
    Events next(int maxEvents) throws IOException;

    @Override
    void close() throws IOException;
}

package io.liquidstream.core.stream;

import io.liquidstream.core.event.SensorGeometry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sensors live sources have announced ({@code SensorInfo} records), by modality and source id, so
 * that a source whose sensor is not the one a model reads is refused by name rather than by its first
 * event that happens to fall outside. Thread-safe: announcements arrive on their own thread while
 * packets are read on others.
 */
public final class SensorAnnouncements {

    private record Key(String modality, String source) {
    }

    private final Map<Key, SensorGeometry> sensors = new ConcurrentHashMap<>();

    /**
     * Records {@code source}'s sensor, replacing an earlier announcement.
     *
     * @return the sensor announced before, if any
     */
    public Optional<SensorGeometry> announce(String modality, String source, SensorGeometry sensor) {
        return Optional.ofNullable(sensors.put(new Key(modality, source), sensor));
    }

    /** Forgets {@code source}'s announcement (its record was deleted). */
    public void withdraw(String modality, String source) {
        sensors.remove(new Key(modality, source));
    }

    /** The sensor {@code source} announced, if it did. */
    public Optional<SensorGeometry> of(String modality, String source) {
        return Optional.ofNullable(sensors.get(new Key(modality, source)));
    }

    /** Number of sources with an announcement. */
    public int size() {
        return sensors.size();
    }
}

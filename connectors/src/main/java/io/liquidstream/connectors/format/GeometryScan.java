package io.liquidstream.connectors.format;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;

/**
 * Derives a sensor geometry from the events themselves, for files whose header does not state it: one
 * streaming pass with a provisional (format-maximum) geometry, keeping only the largest addresses.
 */
public final class GeometryScan {

    private static final int CHUNK = 1 << 16;

    private GeometryScan() {
    }

    /**
     * The smallest geometry holding every event {@code provisional} yields: width = max x + 1, height =
     * max y + 1, with the provisional geometry's polarities. Stops quietly at damage, which the real pass
     * will report; an empty file gives 1x1. Closes {@code provisional}.
     */
    public static SensorGeometry of(EventFileReader provisional) throws IOException {
        int maxX = 0;
        int maxY = 0;
        int polarities = provisional.geometry().polarities();
        try (provisional) {
            Events chunk;
            while ((chunk = provisional.next(CHUNK)) != null) {
                for (int i = 0; i < chunk.size(); i++) {
                    maxX = Math.max(maxX, chunk.x(i));
                    maxY = Math.max(maxY, chunk.y(i));
                }
            }
        } catch (EventFormatException damage) {
            // the events before the damage decide; the real pass reports the damage itself
        }
        return new SensorGeometry(maxX + 1, maxY + 1, polarities);
    }
}

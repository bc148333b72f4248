package io.liquidstream.connectors.format.prophesee;

import io.liquidstream.core.event.SensorGeometry;

/** What a Prophesee writer's sensor must fit. */
final class EventRules {

    private EventRules() {
    }

    /** The writer's geometry must fit the format's address bits and have at most two polarities. */
    static SensorGeometry requireFits(SensorGeometry geometry, int maxSide, String format) {
        if (geometry.width() > maxSide || geometry.height() > maxSide || geometry.polarities() > 2) {
            throw new IllegalArgumentException(format + " holds sensors up to " + maxSide + "x" + maxSide
                    + " with at most 2 polarities, found " + geometry);
        }
        return geometry;
    }
}

package io.liquidstream.core.binning;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.Objects;

/** {@link InputMapping#pixels(SensorGeometry)}. */
record PixelMapping(SensorGeometry geometry) implements InputMapping {

    PixelMapping {
        Objects.requireNonNull(geometry, "geometry");
    }

    @Override
    public int inputs() {
        return geometry.size();
    }

    @Override
    public int index(Events events, int i) {
        int x = events.x(i);
        int y = events.y(i);
        int p = events.p(i);
        if (!geometry.contains(x, y, p)) {
            return -1;
        }
        return (p * geometry.height() + y) * geometry.width() + x;
    }
}

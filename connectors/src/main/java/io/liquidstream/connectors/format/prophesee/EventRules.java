package io.liquidstream.connectors.format.prophesee;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;

/** Checks a writer applies before encoding a chunk, so a rejected chunk writes nothing. */
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

    /**
     * Checks that {@code events} fit {@code geometry}, start no earlier than {@code lastTime}, and lie
     * below {@code timeLimit}; returns the chunk's last time (or {@code lastTime} when empty).
     */
    static long requireWritable(Events events, SensorGeometry geometry, long lastTime, long timeLimit) {
        long previous = lastTime;
        for (int i = 0; i < events.size(); i++) {
            if (!geometry.contains(events.x(i), events.y(i), events.p(i))) {
                throw new IllegalArgumentException("event " + i + " address (x=" + events.x(i) + ", y="
                        + events.y(i) + ", p=" + events.p(i) + ") lies outside the writer's sensor " + geometry);
            }
            long t = events.t(i);
            if (t < Math.max(0, previous)) {
                throw new IllegalArgumentException("event " + i + " time " + t + " us is before " + Math.max(0, previous)
                        + " us; expected non-negative, non-decreasing times across writes");
            }
            if (t >= timeLimit) {
                throw new IllegalArgumentException("event " + i + " time " + t + " us does not fit the format's "
                        + timeLimit + " us range");
            }
            previous = t;
        }
        return previous;
    }
}

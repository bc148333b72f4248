package io.liquidstream.core.binning;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;

/** Maps an event to a reservoir input index in {@code [0, inputs())}, or {@code -1} to ignore it. */
public interface InputMapping {

    /** Number of reservoir inputs. */
    int inputs();

    /** The input of event {@code i}, or {@code -1} to ignore the event. */
    int index(Events events, int i);

    /**
     * One input per address of {@code geometry}: {@code (p * height + y) * width + x}; events outside
     * the geometry are ignored. For a one-dimensional geometry this is the channel.
     */
    static InputMapping pixels(SensorGeometry geometry) {
        return new PixelMapping(geometry);
    }

    /** One input per channel {@code x} in {@code [0, n)}; other events are ignored. */
    static InputMapping channels(int n) {
        return new ChannelMapping(n);
    }
}

package io.liquidstream.core.binning;

import io.liquidstream.core.event.Events;

/** {@link InputMapping#channels(int)}. */
record ChannelMapping(int inputs) implements InputMapping {

    ChannelMapping {
        if (inputs <= 0) {
            throw new IllegalArgumentException("channel count must be positive, found " + inputs);
        }
    }

    @Override
    public int index(Events events, int i) {
        int x = events.x(i);
        return x >= 0 && x < inputs ? x : -1;
    }
}

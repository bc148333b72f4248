package io.liquidstream.core.event;

import java.util.Objects;

/** One recorded sample (a digit, a spoken word, a written character) with its class label. */
public record LabeledSample(String id, int label, Events events) {

    public LabeledSample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(events, "events");
    }
}

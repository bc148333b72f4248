package io.liquidstream.core.stream;

import java.util.List;
import java.util.Objects;

/**
 * The continuous read-out of one hop of a carried liquid: the regression read-out's values, named
 * (e.g. {@code vx, vy}), for the hop {@code [hopStartMicros, window end)}.
 */
public record Decoding(long hopStartMicros, List<String> names, float[] values) {

    public Decoding {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(values, "values");
        if (names.size() != values.length) {
            throw new IllegalArgumentException("expected one value per name " + names + ", found " + values.length);
        }
    }
}

package io.liquidstream.core.transform;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.Arrays;

/**
 * Drops an event when the same address {@code (x, y, p)} emitted a kept event less than
 * {@code periodMicros} before it; an event exactly one period later is kept. Only kept events restart
 * the period, as in a refractory neuron, so a sustained burst at one address thins to one event per
 * period instead of being silenced for good.
 *
 * @param periodMicros refractory period in microseconds, positive
 */
public record RefractoryFilter(long periodMicros) implements EventTransform {

    static final String NAME = "refractory";

    public RefractoryFilter {
        if (periodMicros <= 0) {
            throw new IllegalArgumentException("refractory period must be positive, found " + periodMicros + " us");
        }
    }

    static RefractoryFilter fromStage(StageCall stage) {
        stage.requireArity(1, "refractory(periodMicros)");
        return new RefractoryFilter(stage.longArg(0, 1));
    }

    @Override
    public SensorGeometry geometry(SensorGeometry in) {
        return in;
    }

    @Override
    public Events apply(Events in) {
        SensorGeometry g = in.geometry();
        long[] lastKept = new long[g.size()];
        Arrays.fill(lastKept, Long.MIN_VALUE);
        int n = in.size();
        EventColumns kept = new EventColumns(n);
        for (int i = 0; i < n; i++) {
            int address = (in.p(i) * g.height() + in.y(i)) * g.width() + in.x(i);
            long t = in.t(i);
            long last = lastKept[address];
            if (last == Long.MIN_VALUE || t - last >= periodMicros) {
                lastKept[address] = t;
                kept.add(t, in.x(i), in.y(i), in.p(i));
            }
        }
        return kept.build(g);
    }

    @Override
    public String describe() {
        return PipelineSyntax.format(NAME, periodMicros);
    }
}

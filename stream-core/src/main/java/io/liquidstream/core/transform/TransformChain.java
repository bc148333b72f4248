package io.liquidstream.core.transform;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Transforms applied in list order; the empty chain is the identity. Nested chains are flattened so
 * that equal pipelines compare equal however they were composed.
 *
 * @param steps the transforms, first applied first; none of them is itself a chain
 */
public record TransformChain(List<EventTransform> steps) implements EventTransform {

    public TransformChain {
        for (EventTransform step : steps) {
            if (step instanceof TransformChain) {
                throw new IllegalArgumentException("chain steps must be flat, found a nested chain; use TransformChain.of");
            }
        }
        steps = List.copyOf(steps);
    }

    /** A flat chain of {@code transforms}, expanding any chains among them. */
    public static TransformChain of(List<EventTransform> transforms) {
        List<EventTransform> flat = new ArrayList<>();
        for (EventTransform t : transforms) {
            if (t instanceof TransformChain c) {
                flat.addAll(c.steps);
            } else {
                flat.add(t);
            }
        }
        return new TransformChain(flat);
    }

    @Override
    public Events apply(Events in) {
        Events out = in;
        for (EventTransform step : steps) {
            out = step.apply(out);
        }
        return out;
    }

    @Override
    public SensorGeometry geometry(SensorGeometry in) {
        SensorGeometry g = in;
        for (EventTransform step : steps) {
            g = step.geometry(g);
        }
        return g;
    }

    @Override
    public String describe() {
        return steps.stream().map(EventTransform::describe).collect(Collectors.joining("|"));
    }
}

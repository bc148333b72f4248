package io.liquidstream.core.transform;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;

/**
 * Keeps the events of one polarity and re-addresses them to a single-polarity sensor ({@code p = 0}).
 * For DVS data polarity 1 is ON (brightness increase) and 0 is OFF.
 *
 * @param polarity the polarity to keep, below the input's polarity count
 */
public record PolaritySelect(int polarity) implements EventTransform {

    static final String NAME = "polarity";

    public PolaritySelect {
        if (polarity < 0) {
            throw new IllegalArgumentException("polarity must not be negative, found " + polarity);
        }
    }

    static PolaritySelect fromStage(StageCall stage) {
        stage.requireArity(1, "polarity(p)");
        return new PolaritySelect(stage.intArg(0, 0));
    }

    @Override
    public SensorGeometry geometry(SensorGeometry in) {
        if (polarity >= in.polarities()) {
            throw new IllegalArgumentException("polarity " + polarity + " must exist on the sensor, found "
                    + in.polarities() + " polarities");
        }
        return new SensorGeometry(in.width(), in.height(), 1);
    }

    @Override
    public Events apply(Events in) {
        SensorGeometry out = geometry(in.geometry());
        int n = in.size();
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += in.p(i) == polarity ? 1 : 0;
        }
        EventColumns kept = new EventColumns(count);
        for (int i = 0; i < n; i++) {
            if (in.p(i) == polarity) {
                kept.add(in.t(i), in.x(i), in.y(i), 0);
            }
        }
        return kept.build(out);
    }

    @Override
    public String describe() {
        return PipelineSyntax.format(NAME, polarity);
    }
}

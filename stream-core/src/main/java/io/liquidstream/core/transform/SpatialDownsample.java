package io.liquidstream.core.transform;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;

/**
 * Merges blocks of {@code factorX × factorY} pixels into one: {@code x / factorX}, {@code y / factorY};
 * the output sensor is the input size divided by the factors, rounded up, so edge pixels are kept.
 * Every event is kept (binarisation later merges coincident ones).
 *
 * @param factorX horizontal factor, at least 1
 * @param factorY vertical factor, at least 1
 */
public record SpatialDownsample(int factorX, int factorY) implements EventTransform {

    static final String NAME = "downsample";

    public SpatialDownsample {
        if (factorX <= 0 || factorY <= 0) {
            throw new IllegalArgumentException("down-sampling factors must be positive, found " + factorX + "x" + factorY);
        }
    }

    static SpatialDownsample fromStage(StageCall stage) {
        stage.requireArity(2, "downsample(factorX,factorY)");
        return new SpatialDownsample(stage.intArg(0, 1), stage.intArg(1, 1));
    }

    @Override
    public SensorGeometry geometry(SensorGeometry in) {
        return new SensorGeometry(ceilDiv(in.width(), factorX), ceilDiv(in.height(), factorY), in.polarities());
    }

    @Override
    public Events apply(Events in) {
        SensorGeometry out = geometry(in.geometry());
        int n = in.size();
        EventColumns all = new EventColumns(n);
        for (int i = 0; i < n; i++) {
            all.add(in.t(i), in.x(i) / factorX, in.y(i) / factorY, in.p(i));
        }
        return all.build(out);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public String describe() {
        return PipelineSyntax.format(NAME, factorX, factorY);
    }
}

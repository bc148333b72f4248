package io.liquidstream.core.transform;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;

/**
 * Keeps the centred {@code width × height} window of the sensor and shifts it to the origin. The
 * window starts at {@code ((W - width) / 2, (H - height) / 2)} rounded down, so a 16×16 crop of
 * 34×34 keeps x and y in {@code [9, 25)}. Events outside are dropped; polarities are kept.
 *
 * @param width output width, at most the input width
 * @param height output height, at most the input height
 */
public record CenterCrop(int width, int height) implements EventTransform {

    static final String NAME = "crop";

    public CenterCrop {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("crop size must be positive, found " + width + "x" + height);
        }
    }

    static CenterCrop fromStage(StageCall stage) {
        stage.requireArity(2, "crop(width,height)");
        return new CenterCrop(stage.intArg(0, 1), stage.intArg(1, 1));
    }

    @Override
    public SensorGeometry geometry(SensorGeometry in) {
        if (width > in.width() || height > in.height()) {
            throw new IllegalArgumentException("crop " + width + "x" + height + " must fit inside the sensor, found "
                    + in.width() + "x" + in.height());
        }
        return new SensorGeometry(width, height, in.polarities());
    }

    @Override
    public Events apply(Events in) {
        SensorGeometry out = geometry(in.geometry());
        int x0 = (in.geometry().width() - width) / 2;
        int y0 = (in.geometry().height() - height) / 2;
        int n = in.size();
        EventColumns kept = new EventColumns(countInside(in, x0, y0));
        for (int i = 0; i < n; i++) {
            int x = in.x(i) - x0;
            int y = in.y(i) - y0;
            if (x >= 0 && x < width && y >= 0 && y < height) {
                kept.add(in.t(i), x, y, in.p(i));
            }
        }
        return kept.build(out);
    }

    private int countInside(Events in, int x0, int y0) {
        int count = 0;
        for (int i = 0, n = in.size(); i < n; i++) {
            int x = in.x(i) - x0;
            int y = in.y(i) - y0;
            if (x >= 0 && x < width && y >= 0 && y < height) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String describe() {
        return PipelineSyntax.format(NAME, width, height);
    }
}

package io.liquidstream.core.transform;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.Arrays;

/**
 * Nearest-neighbour background-activity filter: keeps an event only if at least one of its 8 spatial
 * neighbours (any polarity) emitted an event less than {@code windowMicros} before it (or at the same
 * time, earlier in order). The pixel's own history does not count, so isolated noise at a single pixel
 * is removed. Every event, kept or not, updates its pixel's last time, as in the classic
 * correlation filter. On one-dimensional sensors the neighbours are the adjacent channels.
 *
 * @param windowMicros support window in microseconds, positive
 */
public record BackgroundActivityFilter(long windowMicros) implements EventTransform {

    static final String NAME = "denoise";

    public BackgroundActivityFilter {
        if (windowMicros <= 0) {
            throw new IllegalArgumentException("denoise window must be positive, found " + windowMicros + " us");
        }
    }

    static BackgroundActivityFilter fromStage(StageCall stage) {
        stage.requireArity(1, "denoise(windowMicros)");
        return new BackgroundActivityFilter(stage.longArg(0, 1));
    }

    @Override
    public SensorGeometry geometry(SensorGeometry in) {
        return in;
    }

    @Override
    public Events apply(Events in) {
        SensorGeometry g = in.geometry();
        int w = g.width();
        int h = g.height();
        long[] lastFire = new long[w * h];
        Arrays.fill(lastFire, Long.MIN_VALUE);
        int n = in.size();
        EventColumns kept = new EventColumns(n);
        for (int i = 0; i < n; i++) {
            int x = in.x(i);
            int y = in.y(i);
            long t = in.t(i);
            if (supported(lastFire, w, h, x, y, t)) {
                kept.add(t, x, y, in.p(i));
            }
            lastFire[y * w + x] = t;
        }
        return kept.build(g);
    }

    private boolean supported(long[] lastFire, int w, int h, int x, int y, long t) {
        int y1 = Math.min(y + 1, h - 1);
        int x1 = Math.min(x + 1, w - 1);
        for (int ny = Math.max(y - 1, 0); ny <= y1; ny++) {
            for (int nx = Math.max(x - 1, 0); nx <= x1; nx++) {
                long last = lastFire[ny * w + nx];
                if ((nx != x || ny != y) && last != Long.MIN_VALUE && t - last < windowMicros) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String describe() {
        return PipelineSyntax.format(NAME, windowMicros);
    }
}

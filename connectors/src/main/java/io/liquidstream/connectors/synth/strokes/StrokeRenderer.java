package io.liquidstream.connectors.synth.strokes;

/**
 * Renders the pen-down parts of a trajectory as an anti-aliased grey-level image, white ink on
 * black like MNIST.
 *
 * <p>The unit box maps onto the whole image; ink outside it is clipped. Each pen-down segment is a
 * capsule of the given width whose edge fades over about one and a half pixels; overlapping
 * segments take the maximum, so crossings do not saturate differently from single strokes.
 */
public final class StrokeRenderer {

    /** Width of the soft edge in pixels, similar to MNIST's blurred strokes. */
    private static final double EDGE_PX = 1.5;

    private StrokeRenderer() {
    }

    /**
     * Renders {@code t} into a row-major {@code width × height} image (index {@code y * width + x})
     * with values in [0, 1].
     */
    public static float[] render(PenTrajectory t, int width, int height, double strokeWidthPx) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, found " + width + "x" + height);
        }
        if (!(strokeWidthPx > 0)) {
            throw new IllegalArgumentException("stroke width must be positive, found " + strokeWidthPx);
        }
        float[] image = new float[width * height];
        double radius = strokeWidthPx / 2;
        for (int i = 1; i < t.size(); i++) {
            if (t.penDown(i - 1) && t.penDown(i)) {
                segment(image, width, height, t.x(i - 1) * width, t.y(i - 1) * height, t.x(i) * width,
                        t.y(i) * height, radius);
            }
        }
        // A stroke that never moves (a dot) still leaves ink.
        for (int i = 0; i < t.size(); i++) {
            if (t.penDown(i) && (i == 0 || !t.penDown(i - 1)) && (i == t.size() - 1 || !t.penDown(i + 1))) {
                segment(image, width, height, t.x(i) * width, t.y(i) * height, t.x(i) * width, t.y(i) * height,
                        radius);
            }
        }
        return image;
    }

    private static void segment(float[] image, int width, int height, double ax, double ay, double bx, double by,
            double radius) {
        double reach = radius + EDGE_PX / 2;
        int x0 = Math.max(0, (int) Math.floor(Math.min(ax, bx) - reach));
        int x1 = Math.min(width - 1, (int) Math.ceil(Math.max(ax, bx) + reach));
        int y0 = Math.max(0, (int) Math.floor(Math.min(ay, by) - reach));
        int y1 = Math.min(height - 1, (int) Math.ceil(Math.max(ay, by) + reach));
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        for (int py = y0; py <= y1; py++) {
            double cy = py + 0.5;
            for (int px = x0; px <= x1; px++) {
                double cx = px + 0.5;
                double f = len2 > 0 ? Math.max(0, Math.min(1, ((cx - ax) * dx + (cy - ay) * dy) / len2)) : 0;
                double d = Math.hypot(cx - (ax + f * dx), cy - (ay + f * dy));
                double cover = Math.max(0, Math.min(1, (reach - d) / EDGE_PX));
                int idx = py * width + px;
                if (cover > image[idx]) {
                    image[idx] = (float) cover;
                }
            }
        }
    }
}

package io.liquidstream.connectors.synth.camera;

/** Hand-drawn test images standing in for MNIST digits. */
public final class TestImages {

    private TestImages() {
    }

    /**
     * A 28×28 "zero": an anti-aliased ring of the given radius and a 3-pixel stroke, ink = 1, in
     * MNIST's row-major [0, 1] layout.
     */
    public static float[] ring(double radius) {
        float[] image = new float[28 * 28];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double distance = Math.abs(Math.hypot(x - 13.5, y - 13.5) - radius);
                image[y * 28 + x] = (float) Math.max(0, Math.min(1, 2.0 - distance));
            }
        }
        return image;
    }
}

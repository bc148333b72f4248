package io.liquidstream.core.evaluation;

import java.util.SplittableRandom;

/**
 * Test features of two modalities with shared structure: five latent class centres in 8 dimensions,
 * seen by each modality through its own fixed random linear map (seeded by the modality's name), with
 * uniform noise on the latent code. Train and test hold {@code perClass} samples of each class, labels
 * cycling 0-4.
 */
final class LatentViews {

    private LatentViews() {
    }

    static ModalityFeatures features(String name, int perClass, long noiseSeed, int dimension, double noise) {
        SplittableRandom latent = new SplittableRandom(99);
        double[][] centres = new double[5][8];
        for (double[] c : centres) {
            for (int j = 0; j < 8; j++) {
                c[j] = latent.nextDouble() * 4 - 2;
            }
        }
        SplittableRandom mapRng = new SplittableRandom(name.hashCode());
        double[][] map = new double[8][dimension];
        for (double[] row : map) {
            for (int j = 0; j < dimension; j++) {
                row[j] = mapRng.nextDouble() - 0.5;
            }
        }
        SplittableRandom rng = new SplittableRandom(noiseSeed);
        int n = 5 * perClass;
        float[][] train = new float[n][];
        float[][] test = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 5;
            train[i] = view(centres[labels[i]], map, rng, noise);
            test[i] = view(centres[labels[i]], map, rng, noise);
        }
        return new ModalityFeatures(name, train, labels, test, labels.clone());
    }

    private static float[] view(double[] centre, double[][] map, SplittableRandom rng, double noise) {
        float[] out = new float[map[0].length];
        for (int k = 0; k < centre.length; k++) {
            double z = centre[k] + noise * (rng.nextDouble() - 0.5);
            for (int j = 0; j < out.length; j++) {
                out[j] += (float) (z * map[k][j]);
            }
        }
        return out;
    }
}

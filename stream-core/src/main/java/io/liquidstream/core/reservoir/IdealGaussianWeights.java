package io.liquidstream.core.reservoir;

/**
 * The seed's software weights: every entry is {@code scale * N(mean, std)} with the spec's statistics,
 * input and recurrent matrices drawn from independent streams of the spec's seed, row by row
 * (row-major order). Reads are exact.
 */
public final class IdealGaussianWeights implements WeightSource {

    @Override
    public ReservoirWeights weights(ReservoirSpec spec) {
        float[][] input = draw(spec.inputs(), spec.neurons(), spec.scale(), spec.inputStats(),
                new GaussianStream(SeedStreams.stream(spec.seed(), SeedStreams.INPUT_WEIGHTS)));
        float[][] recurrent = draw(spec.neurons(), spec.neurons(), spec.scale(), spec.recurrentStats(),
                new GaussianStream(SeedStreams.stream(spec.seed(), SeedStreams.RECURRENT_WEIGHTS)));
        return ReservoirWeights.ofRows(input, recurrent, 0.0);
    }

    private static float[][] draw(int rows, int columns, double scale, WeightStats stats, GaussianStream gaussian) {
        float[][] w = new float[rows][columns];
        for (float[] row : w) {
            for (int j = 0; j < columns; j++) {
                row[j] = (float) (scale * (stats.mean() + stats.std() * gaussian.next()));
            }
        }
        return w;
    }

    @Override
    public String toString() {
        return "IdealGaussianWeights";
    }
}

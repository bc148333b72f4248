package io.liquidstream.core.reservoir;

import java.util.Arrays;

/**
 * The fixed matrices of one reservoir: {@code input(i, j)} is the weight from input line {@code i} to
 * neuron {@code j}, {@code recurrent(i, j)} the weight from neuron {@code i} to neuron {@code j}.
 *
 * <p>Each source row is held as its own contiguous array, because the kernel adds whole rows and
 * C2 (JDK 17) vectorises {@code v[j] += row[j]} but not the same loop at an offset into one flat
 * array, where it cannot rule out that {@code v} and the matrix overlap.
 *
 * <p>{@code readNoise} is the relative standard deviation of multiplicative noise drawn afresh each
 * time a weight is read ({@code w * (1 + readNoise * z)}); zero means exact reads.
 */
public final class ReservoirWeights {

    private final int inputs;
    private final int neurons;
    private final float[][] input;
    private final float[][] recurrent;
    private final double readNoise;

    /**
     * From row-major matrices ({@code input[i * neurons + j]}, {@code recurrent[i * neurons + j]}),
     * which are copied.
     *
     * @throws IllegalArgumentException if the array lengths do not match the shape or the noise is
     *     negative or not finite
     */
    public ReservoirWeights(int inputs, int neurons, float[] input, float[] recurrent, double readNoise) {
        this(rows("input", input, inputs, neurons), rows("recurrent", recurrent, neurons, neurons), readNoise);
    }

    /** Adopts the rows as they are. */
    private ReservoirWeights(float[][] input, float[][] recurrent, double readNoise) {
        if (!Double.isFinite(readNoise) || readNoise < 0) {
            throw new IllegalArgumentException("read noise must be finite and >= 0, found " + readNoise);
        }
        this.inputs = input.length;
        this.neurons = recurrent.length;
        this.input = input;
        this.recurrent = recurrent;
        this.readNoise = readNoise;
    }

    /** Takes ownership of freshly built {@code [inputs][neurons]} and {@code [neurons][neurons]} rows. */
    static ReservoirWeights ofRows(float[][] input, float[][] recurrent, double readNoise) {
        int neurons = recurrent.length;
        if (input.length == 0 || neurons == 0) {
            throw new IllegalArgumentException("need at least one input and one neuron, found " + input.length
                    + " inputs and " + neurons + " neurons");
        }
        requireRowLengths("input", input, neurons);
        requireRowLengths("recurrent", recurrent, neurons);
        return new ReservoirWeights(input, recurrent, readNoise);
    }

    public int inputs() {
        return inputs;
    }

    public int neurons() {
        return neurons;
    }

    /** Relative standard deviation of the per-read multiplicative noise; 0 when reads are exact. */
    public double readNoise() {
        return readNoise;
    }

    /** Weight from input line {@code i} to neuron {@code j}. */
    public float input(int i, int j) {
        return input[i][j];
    }

    /** Weight from neuron {@code i} to neuron {@code j}. */
    public float recurrent(int i, int j) {
        return recurrent[i][j];
    }

    /** A row-major {@code [inputs][neurons]} copy of the input matrix. */
    public float[] inputMatrix() {
        return flatten(input, neurons);
    }

    /** A row-major {@code [neurons][neurons]} copy of the recurrent matrix. */
    public float[] recurrentMatrix() {
        return flatten(recurrent, neurons);
    }

    /** The same matrices read with the given relative noise (shares the rows, which never change). */
    public ReservoirWeights withReadNoise(double noise) {
        return new ReservoirWeights(input, recurrent, noise);
    }

    /** Direct access for the kernel and sources in this package; never written after construction. */
    float[][] inputRows() {
        return input;
    }

    float[][] recurrentRows() {
        return recurrent;
    }

    private static float[][] rows(String name, float[] matrix, int rows, int columns) {
        if (rows <= 0 || columns <= 0) {
            throw new IllegalArgumentException(name + " matrix needs a positive shape, found " + rows + "x" + columns);
        }
        if (matrix.length != (long) rows * columns) {
            throw new IllegalArgumentException(name + " matrix must hold " + rows + "x" + columns + "="
                    + (long) rows * columns + " weights, found " + matrix.length);
        }
        float[][] out = new float[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(matrix, i * columns, (i + 1) * columns);
        }
        return out;
    }

    private static void requireRowLengths(String name, float[][] rows, int neurons) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != neurons) {
                throw new IllegalArgumentException(name + " row " + i + " must hold " + neurons + " weights, found "
                        + rows[i].length);
            }
        }
    }

    private static float[] flatten(float[][] rows, int columns) {
        float[] out = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * columns, columns);
        }
        return out;
    }
}

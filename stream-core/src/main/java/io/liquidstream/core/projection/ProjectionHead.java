package io.liquidstream.core.projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A projection head: 1–3 fully connected layers from a modality's features into the shared embedding
 * space. Hidden layers apply the {@link Activation}, the last layer is linear, and the output rows are
 * L2-normalised ({@code y / max(‖y‖, 1e-12)}, as PyTorch's {@code F.normalize}) unless the head was
 * created without normalisation, which only reproduces the seed's published loss.
 *
 * <p>The parameter arrays returned by {@link #params()} are live: an optimiser updates them in place.
 * A head is not safe for concurrent training; concurrent {@link #forward} and {@link #embed} calls on
 * a head that is not being trained are safe.
 */
public final class ProjectionHead {

    /** Output dimensions the design allows (DESIGN §5.4). */
    public static final int MIN_OUTPUT_DIM = 64;
    public static final int MAX_OUTPUT_DIM = 1024;

    private static final double NORM_EPS = 1e-12;

    private final int[] layerDims;
    private final Activation activation;
    private final boolean l2Normalised;
    private final List<INDArray> weights; // per layer [in, out]
    private final List<INDArray> biases;  // per layer [1, out]

    /**
     * Everything {@link #backward} needs from one forward pass. Treat it as opaque; {@link #output()}
     * is the result of the pass.
     */
    public record Forward(List<INDArray> layerInputs, List<INDArray> preActivations, INDArray norms, INDArray output) {
    }

    private ProjectionHead(int[] layerDims, Activation activation, boolean l2Normalised, List<INDArray> weights,
            List<INDArray> biases) {
        this.layerDims = layerDims;
        this.activation = activation;
        this.l2Normalised = l2Normalised;
        this.weights = weights;
        this.biases = biases;
    }

    /** A float32, L2-normalised head with PyTorch {@code nn.Linear} initialisation. */
    public static ProjectionHead create(int inputDim, int[] hiddenDims, int outputDim, Activation act, long seed) {
        return create(inputDim, hiddenDims, outputDim, act, seed, DataType.FLOAT, true);
    }

    /**
     * A head with PyTorch {@code nn.Linear} initialisation: weights and biases uniform in
     * {@code ±1/√fan_in}.
     *
     * @param hiddenDims widths of 0–2 hidden layers
     * @param outputDim embedding dimension, 64–1024
     * @param dataType {@code FLOAT} for use, {@code DOUBLE} for gradient checks
     * @param l2Normalised {@code false} only to reproduce the seed's unnormalised embeddings
     */
    public static ProjectionHead create(int inputDim, int[] hiddenDims, int outputDim, Activation act, long seed,
            DataType dataType, boolean l2Normalised) {
        if (hiddenDims.length > 2) {
            throw new IllegalArgumentException("a projection head has 0-2 hidden layers, found " + hiddenDims.length);
        }
        if (outputDim < MIN_OUTPUT_DIM || outputDim > MAX_OUTPUT_DIM) {
            throw new IllegalArgumentException("projection dimension must be in [" + MIN_OUTPUT_DIM + ", "
                    + MAX_OUTPUT_DIM + "], found " + outputDim);
        }
        int[] dims = new int[hiddenDims.length + 2];
        dims[0] = inputDim;
        System.arraycopy(hiddenDims, 0, dims, 1, hiddenDims.length);
        dims[dims.length - 1] = outputDim;
        return initialised(dims, act, seed, dataType, l2Normalised);
    }

    /**
     * A head of any layer sizes (no range check on the output dimension), for small tests and for
     * callers that know what they do.
     *
     * @param layerDims input dimension, hidden widths, output dimension: 2–4 entries
     */
    public static ProjectionHead initialised(int[] layerDims, Activation act, long seed, DataType dataType,
            boolean l2Normalised) {
        checkLayerDims(layerDims);
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("parameters need a floating-point type, found " + dataType);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 0; l + 1 < layerDims.length; l++) {
            double bound = 1.0 / Math.sqrt(layerDims[l]);
            w.add(uniform(rng, layerDims[l], layerDims[l + 1], bound, dataType));
            b.add(uniform(rng, 1, layerDims[l + 1], bound, dataType));
        }
        return new ProjectionHead(layerDims.clone(), act, l2Normalised, w, b);
    }

    /** An L2-normalised float32 head from {@link #exportWeights()} output. */
    public static ProjectionHead fromWeights(int[] layerDims, Activation act, List<float[]> weights) {
        return fromWeights(layerDims, act, weights, true);
    }

    /**
     * A float32 head from plain arrays: per layer the weights {@code [in][out]} row-major, then the
     * bias {@code [out]}, in layer order.
     */
    public static ProjectionHead fromWeights(int[] layerDims, Activation act, List<float[]> weights,
            boolean l2Normalised) {
        checkWeights(layerDims, weights);
        int layers = layerDims.length - 1;
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            w.add(Nd4j.create(weights.get(2 * l).clone(), new long[] {layerDims[l], layerDims[l + 1]}, DataType.FLOAT));
            b.add(Nd4j.create(weights.get(2 * l + 1).clone(), new long[] {1, layerDims[l + 1]}, DataType.FLOAT));
        }
        return new ProjectionHead(layerDims.clone(), act, l2Normalised, w, b);
    }

    /**
     * Checks plain-array head parameters (per layer the weights {@code [in][out]}, then the bias) against
     * the layer dimensions.
     *
     * @throws IllegalArgumentException naming the first layer or count that does not fit
     */
    static void checkWeights(int[] layerDims, List<float[]> weights) {
        checkLayerDims(layerDims);
        int layers = layerDims.length - 1;
        if (weights.size() != 2 * layers) {
            throw new IllegalArgumentException("expected " + 2 * layers + " arrays (weights and bias of " + layers
                    + " layers), found " + weights.size());
        }
        for (int l = 0; l < layers; l++) {
            int in = layerDims[l];
            int out = layerDims[l + 1];
            float[] wl = weights.get(2 * l);
            float[] bl = weights.get(2 * l + 1);
            if (wl.length != in * out || bl.length != out) {
                throw new IllegalArgumentException("layer " + l + ": expected " + in * out + " weights and " + out
                        + " biases, found " + wl.length + " and " + bl.length);
            }
        }
    }

    /** Embeds a batch: {@code [batch, in]} to {@code [batch, out]}. */
    public INDArray forward(INDArray x) {
        INDArray h = checkedInput(x);
        int layers = weights.size();
        for (int l = 0; l < layers; l++) {
            h = h.mmul(weights.get(l)).addiRowVector(biases.get(l));
            if (l + 1 < layers) {
                activation.applyInPlace(h);
            }
        }
        return l2Normalised ? h.diviColumnVector(clampedNorms(h)) : h;
    }

    /** Embeds one sample. */
    public float[] embed(float[] features) {
        if (features.length != inputDim()) {
            throw new IllegalArgumentException("expected " + inputDim() + " features, found " + features.length);
        }
        INDArray x = Nd4j.create(features, new long[] {1, features.length}, DataType.FLOAT);
        return forward(x).toFloatVector();
    }

    /** A forward pass that keeps what {@link #backward} needs. */
    public Forward forwardWithCache(INDArray x) {
        INDArray h = checkedInput(x);
        int layers = weights.size();
        List<INDArray> inputs = new ArrayList<>(layers);
        List<INDArray> pre = new ArrayList<>(layers - 1);
        for (int l = 0; l < layers; l++) {
            inputs.add(h);
            INDArray z = h.mmul(weights.get(l)).addiRowVector(biases.get(l));
            if (l + 1 < layers) {
                pre.add(z);
                h = activation.apply(z);
            } else {
                h = z;
            }
        }
        if (!l2Normalised) {
            return new Forward(inputs, pre, null, h);
        }
        INDArray norms = clampedNorms(h);
        return new Forward(inputs, pre, norms, h.diviColumnVector(norms));
    }

    /**
     * Back-propagates {@code dLoss/dOutput} through the pass in {@code cache}.
     *
     * @return the gradients of the loss with respect to {@link #params()}, in that order
     */
    public List<INDArray> backward(Forward cache, INDArray gradOutput) {
        INDArray out = cache.output();
        if (!Arrays.equals(gradOutput.shape(), out.shape())) {
            throw new IllegalArgumentException("gradient shape " + Arrays.toString(gradOutput.shape())
                    + " does not match output shape " + Arrays.toString(out.shape()));
        }
        INDArray delta = gradOutput.castTo(out.dataType());
        if (l2Normalised) {
            // d(y/|y|) = (g - o (o·g)) / |y|; the clamp on |y| only matters for an all-zero output
            INDArray radial = out.mul(delta).sum(true, 1);
            delta = delta.sub(out.mulColumnVector(radial)).diviColumnVector(cache.norms());
        }
        int layers = weights.size();
        INDArray[] grads = new INDArray[2 * layers];
        for (int l = layers - 1; l >= 0; l--) {
            grads[2 * l] = cache.layerInputs().get(l).transpose().mmul(delta);
            grads[2 * l + 1] = delta.sum(true, 0);
            if (l > 0) {
                delta = delta.mmul(weights.get(l).transpose())
                        .muli(activation.derivative(cache.preActivations().get(l - 1)));
            }
        }
        return Arrays.asList(grads);
    }

    /** The live parameter arrays: per layer the weights {@code [in, out]}, then the bias {@code [1, out]}. */
    public List<INDArray> params() {
        List<INDArray> p = new ArrayList<>(2 * weights.size());
        for (int l = 0; l < weights.size(); l++) {
            p.add(weights.get(l));
            p.add(biases.get(l));
        }
        return p;
    }

    /** Per layer the weights {@code [in][out]} row-major as float32, then the bias. */
    public List<float[]> exportWeights() {
        List<float[]> out = new ArrayList<>(2 * weights.size());
        for (INDArray p : params()) {
            out.add(Nd4j.toFlattened('c', p).toFloatVector());
        }
        return out;
    }

    /** An independent copy with the same parameters. */
    public ProjectionHead copy() {
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            w.add(weights.get(l).dup());
            b.add(biases.get(l).dup());
        }
        return new ProjectionHead(layerDims, activation, l2Normalised, w, b);
    }

    public int inputDim() {
        return layerDims[0];
    }

    public int outputDim() {
        return layerDims[layerDims.length - 1];
    }

    public Activation activation() {
        return activation;
    }

    /** Input dimension, hidden widths, output dimension. */
    public int[] layerDims() {
        return layerDims.clone();
    }

    public boolean l2Normalised() {
        return l2Normalised;
    }

    public DataType dataType() {
        return weights.get(0).dataType();
    }

    private INDArray checkedInput(INDArray x) {
        if (x.rank() != 2 || x.size(1) != inputDim()) {
            throw new IllegalArgumentException("expected input [batch, " + inputDim() + "], found "
                    + Arrays.toString(x.shape()));
        }
        return x.dataType() == dataType() ? x : x.castTo(dataType());
    }

    private static INDArray clampedNorms(INDArray y) {
        return Transforms.max(y.norm2(true, 1), NORM_EPS, false);
    }

    private static void checkLayerDims(int[] layerDims) {
        if (layerDims.length < 2 || layerDims.length > 4) {
            throw new IllegalArgumentException("a projection head has 1-3 layers, i.e. 2-4 layer dimensions, found "
                    + Arrays.toString(layerDims));
        }
        for (int d : layerDims) {
            if (d <= 0) {
                throw new IllegalArgumentException("layer dimensions must be positive, found " + Arrays.toString(layerDims));
            }
        }
    }

    private static INDArray uniform(SplittableRandom rng, int rows, int cols, double bound, DataType dataType) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (rng.nextDouble() * 2 - 1) * bound;
        }
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE).castTo(dataType);
    }
}

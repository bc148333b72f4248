package io.liquidstream.core.reservoir;

import io.liquidstream.core.binning.SpikeWindow;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The seed's leaky integrate-and-fire liquid: per bin {@code t}
 * <pre>
 *   v_t = decay · v_{t-1} · (1 - s_{t-1}) + W_in · x_t + W_rec · s_{t-1}
 *   s_t = [v_t > Vth]
 * </pre>
 * with state at rest before every window, and the firing rate {@code (1/T) Σ_t s_t} per neuron as the
 * feature. Arithmetic is float32, like the seed's PyTorch. A continuous stream instead carries a
 * {@link ReservoirState} from bin to bin ({@link #state()}, {@link #advance}); the kernel is the same.
 *
 * <p>The kernel is event-driven: per bin it adds the input-matrix row of each active input (ascending)
 * and then the recurrent row of each neuron that spiked in the previous bin (ascending), so the cost
 * follows the number of events, never {@code inputs × neurons}. That summation order is part of the
 * contract: float addition is not associative, and a reference that sums in the same order reproduces
 * the spikes exactly.
 *
 * <p>Instances are immutable and thread-safe; every call works on its own scratch arrays. When the
 * weights carry read noise, every row read multiplies each weight by {@code 1 + readNoise · z}; the
 * {@code z} come from a pool of normal draws fixed by the seed, entered at a fresh random offset per
 * read, which keeps the noisy path vectorisable. Noisy encodings are reproducible for a sequence of
 * calls on one thread, not across interleavings of threads.
 */
public final class LifReservoir {

    /** Size of the pool of read-noise factors; far more than any row, so reads rarely share a draw. */
    private static final int NOISE_POOL = 1 << 16;

    private final ReservoirSpec spec;
    private final ReservoirWeights weights;
    private final int neurons;
    private final float[][] input;
    private final float[][] recurrent;
    private final float decay;
    private final float threshold;
    /** {@code 1 + readNoise · z} for {@code NOISE_POOL + neurons} draws; null when reads are exact. */
    private final float[] readFactors;
    private final SplittableRandom readOffsets;

    /** A reservoir whose weights the source derives from the spec. */
    public LifReservoir(ReservoirSpec spec, WeightSource source) {
        this(spec, Objects.requireNonNull(source, "source").weights(spec));
    }

    /**
     * A reservoir over given weights (hand-built weights for experiments and tests).
     *
     * @throws IllegalArgumentException if the weights' shape differs from the spec's
     */
    public LifReservoir(ReservoirSpec spec, ReservoirWeights weights) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.weights = Objects.requireNonNull(weights, "weights");
        if (weights.inputs() != spec.inputs() || weights.neurons() != spec.neurons()) {
            throw new IllegalArgumentException("weights of shape " + weights.inputs() + " inputs x "
                    + weights.neurons() + " neurons do not fit spec of " + spec.inputs() + " inputs x "
                    + spec.neurons() + " neurons");
        }
        this.neurons = spec.neurons();
        this.input = weights.inputRows();
        this.recurrent = weights.recurrentRows();
        this.decay = (float) spec.decay();
        this.threshold = (float) spec.threshold();
        if (weights.readNoise() > 0) {
            this.readFactors = readFactors(weights.readNoise(), spec.seed(), neurons);
            this.readOffsets = SeedStreams.stream(spec.seed(), SeedStreams.READ_OFFSETS);
        } else {
            this.readFactors = null;
            this.readOffsets = null;
        }
    }

    public ReservoirSpec spec() {
        return spec;
    }

    public ReservoirWeights weights() {
        return weights;
    }

    public int neurons() {
        return neurons;
    }

    /** Firing rate of every neuron over the window; see {@link #encode(SpikeWindow, float[])}. */
    public float[] encode(SpikeWindow window) {
        float[] out = new float[neurons];
        encode(window, out);
        return out;
    }

    /**
     * Runs the window through the reservoir from rest and writes each neuron's firing rate
     * (spikes / window bins) to {@code out}. The window's own bin count is used, so sliding windows
     * of any length work.
     *
     * @throws IllegalArgumentException if the window's input count differs from the spec's, or
     *     {@code out} does not have one slot per neuron
     */
    public void encode(SpikeWindow window, float[] out) {
        requireInputs(window);
        if (out.length != neurons) {
            throw new IllegalArgumentException("output must have one slot per neuron (" + neurons + "), found "
                    + out.length);
        }
        int[] counts = spikeCounts(window, 1, null);
        float bins = window.bins();
        for (int j = 0; j < neurons; j++) {
            out[j] = counts[j] / bins;
        }
    }

    /**
     * Firing rates in {@code segments} consecutive, equal parts of the window, concatenated
     * ({@code segments × neurons} values, segment-major). One segment is {@link #encode(SpikeWindow)};
     * more keep the order in which the reservoir responded, which a whole-window rate averages away.
     * The reservoir and its dynamics are unchanged: this is a read-out only.
     *
     * @throws IllegalArgumentException if {@code segments} is not in {@code [1, window.bins()]}
     */
    public float[] encodeSegments(SpikeWindow window, int segments) {
        requireInputs(window);
        if (segments < 1 || segments > window.bins()) {
            throw new IllegalArgumentException("segments must be in [1, " + window.bins() + "], found " + segments);
        }
        int[] counts = spikeCounts(window, segments, null);
        float[] out = new float[counts.length];
        int bins = window.bins();
        for (int seg = 0; seg < segments; seg++) {
            float width = segmentStart(seg + 1, segments, bins) - segmentStart(seg, segments, bins);
            for (int j = 0; j < neurons; j++) {
                out[seg * neurons + j] = counts[seg * neurons + j] / width;
            }
        }
        return out;
    }

    private static int segmentStart(int segment, int segments, int bins) {
        return (int) ((long) segment * bins / segments);
    }

    /**
     * Every spike the reservoir fires over the window, run from rest exactly as {@link #encode(SpikeWindow)}
     * runs it: what the liquid did with the input, for display and inspection. Its
     * {@link SpikeRaster#rates() rates} equal {@code encode(window)} (for weights with read noise, as another
     * draw of the noise would).
     *
     * @throws IllegalArgumentException if the window's input count differs from the spec's
     */
    public SpikeRaster raster(SpikeWindow window) {
        requireInputs(window);
        SpikeRaster.Builder spikes = new SpikeRaster.Builder(window.bins(), neurons);
        spikeCounts(window, 1, spikes);
        return spikes.build();
    }

    /**
     * A fresh state at rest, for a continuous stream: {@link #advance} then steps it bin by bin. With read
     * noise, the state draws its noise from its own stream, entered as {@link #encode} enters one per call.
     */
    public ReservoirState state() {
        return new ReservoirState(this, readFactors == null ? null : nextReadStream());
    }

    /**
     * Steps {@code state} through every bin of {@code bins}, in order: the same kernel, in the same
     * summation order, as {@link #encode}, which runs a window from rest. So advancing a state from rest
     * through a stream's bins, one call per hop or one per bin, leaves it bit for bit where one call over
     * all of them would (for weights with read noise, as another draw of the noise would).
     *
     * @param sink receives each bin's spikes (null for none)
     * @throws IllegalArgumentException if the state belongs to another reservoir, or the window's input
     *     count differs from the spec's
     */
    public void advance(ReservoirState state, SpikeWindow bins, SpikeSink sink) {
        if (state.owner != this) {
            throw new IllegalArgumentException("state " + state + " belongs to " + state.owner + ", not to " + this);
        }
        requireInputs(bins);
        run(state, bins, null, 1, sink);
    }

    private void requireInputs(SpikeWindow window) {
        if (window.inputs() != spec.inputs()) {
            throw new IllegalArgumentException("window has " + window.inputs() + " inputs but the reservoir expects "
                    + spec.inputs() + " (" + window + ")");
        }
    }

    /** Spike counts per segment and neuron of a window run from rest. */
    private int[] spikeCounts(SpikeWindow window, int segments, SpikeSink sink) {
        int[] counts = new int[neurons * segments];
        run(state(), window, counts, segments, sink);
        return counts;
    }

    /**
     * The kernel: steps the state through the window's bins, counting spikes per segment into
     * {@code counts} (null: no counts) and handing each bin's spikes to {@code sink} (null: none).
     */
    private void run(ReservoirState state, SpikeWindow window, int[] counts, int segments, SpikeSink sink) {
        if (state.readOffsets == null) {
            runExact(state, window, counts, segments, sink);
        } else {
            runNoisy(state, window, counts, segments, sink);
        }
        state.bins += window.bins();
    }

    private void runExact(ReservoirState state, SpikeWindow window, int[] counts, int segments, SpikeSink sink) {
        int n = neurons;
        float[] v = state.v;
        int[] spiked = state.spiked;
        int spikedCount = state.spikedCount;
        for (int b = 0, bins = window.bins(); b < bins; b++) {
            // Spiking neurons were zeroed when they fired, which is the (1 - s) reset.
            for (int j = 0; j < n; j++) {
                v[j] = decay * v[j];
            }
            for (int k = window.start(b), end = window.end(b); k < end; k++) {
                addRow(v, input[window.index(k)], n);
            }
            for (int s = 0; s < spikedCount; s++) {
                addRow(v, recurrent[spiked[s]], n);
            }
            spikedCount = fire(v, counts, segmentOffset(b, bins, segments), spiked);
            if (sink != null) {
                sink.bin(b, spiked, spikedCount);
            }
        }
        state.spikedCount = spikedCount;
    }

    /**
     * Where bin {@code b}'s spikes are counted: the block of the segment {@code s} with
     * {@code segmentStart(s) <= b < segmentStart(s + 1)}.
     */
    private int segmentOffset(int b, int bins, int segments) {
        return segments == 1 ? 0 : (int) (((long) (b + 1) * segments - 1) / bins) * neurons;
    }

    private void runNoisy(ReservoirState state, SpikeWindow window, int[] counts, int segments, SpikeSink sink) {
        int n = neurons;
        float[] v = state.v;
        int[] spiked = state.spiked;
        int spikedCount = state.spikedCount;
        SplittableRandom offsets = state.readOffsets;
        float[] factors = new float[n];
        for (int b = 0, bins = window.bins(); b < bins; b++) {
            for (int j = 0; j < n; j++) {
                v[j] = decay * v[j];
            }
            for (int k = window.start(b), end = window.end(b); k < end; k++) {
                System.arraycopy(readFactors, offsets.nextInt(NOISE_POOL), factors, 0, n);
                addNoisyRow(v, input[window.index(k)], factors, n);
            }
            for (int s = 0; s < spikedCount; s++) {
                System.arraycopy(readFactors, offsets.nextInt(NOISE_POOL), factors, 0, n);
                addNoisyRow(v, recurrent[spiked[s]], factors, n);
            }
            spikedCount = fire(v, counts, segmentOffset(b, bins, segments), spiked);
            if (sink != null) {
                sink.bin(b, spiked, spikedCount);
            }
        }
        state.spikedCount = spikedCount;
    }

    /** Thresholds the membrane, resets and counts the neurons that fire, lists them ascending. */
    private int fire(float[] v, int[] counts, int countOffset, int[] spiked) {
        int spikedCount = 0;
        for (int j = 0, n = neurons; j < n; j++) {
            if (v[j] > threshold) {
                spiked[spikedCount++] = j;
                if (counts != null) {
                    counts[countOffset + j]++;
                }
                v[j] = 0f;
            }
        }
        return spikedCount;
    }

    // Same index on both arrays and no offset: the shape C2 turns into SIMD adds (see ReservoirWeights).
    private static void addRow(float[] v, float[] row, int n) {
        for (int j = 0; j < n; j++) {
            v[j] += row[j];
        }
    }

    // The factors are copied out of the pool first, since an offset read would defeat vectorisation.
    private static void addNoisyRow(float[] v, float[] row, float[] factors, int n) {
        for (int j = 0; j < n; j++) {
            v[j] += row[j] * factors[j];
        }
    }

    private SplittableRandom nextReadStream() {
        synchronized (readOffsets) {
            return readOffsets.split();
        }
    }

    private static float[] readFactors(double readNoise, long seed, int neurons) {
        GaussianStream z = new GaussianStream(SeedStreams.stream(seed, SeedStreams.READ_NOISE_POOL));
        float[] factors = new float[NOISE_POOL + neurons];
        for (int k = 0; k < factors.length; k++) {
            factors[k] = (float) (1 + readNoise * z.next());
        }
        return factors;
    }

    @Override
    public String toString() {
        return "LifReservoir" + spec;
    }
}

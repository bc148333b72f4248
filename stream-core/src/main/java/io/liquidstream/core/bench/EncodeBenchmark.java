package io.liquidstream.core.bench;

import io.liquidstream.core.binning.SpikeWindow;
import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirBank;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import io.liquidstream.core.reservoir.RramDifferentialPairWeights;
import io.liquidstream.core.reservoir.WeightSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reservoir encoding throughput on random binary input of a given density, shaped like a preset
 * (e.g. vision 256 inputs × 50 bins, audio 64 × 129, 200 neurons). Comparable with the PyTorch
 * baseline of DESIGN §7 (2 threads, 5 % density).
 */
public final class EncodeBenchmark {

    /** Distinct windows cycled through; enough that the timing is not one window's cache luck. */
    private static final int WINDOW_POOL = 512;
    /** Encodes per thread before timing (fewer for tiny runs), so that C2 has compiled the kernel. */
    private static final int WARM_UP_PER_THREAD = 3000;

    private EncodeBenchmark() {
    }

    /**
     * One measurement.
     *
     * @param config preset and shape
     * @param samples windows encoded in the timed part
     * @param threads encoding threads
     * @param density fraction of active (input, bin) cells
     * @param samplesPerSecond timed wall-clock throughput
     * @param meanRate mean firing rate over all neurons and samples, a check that the reservoir is
     *     neither silent nor saturated
     * @param samplesPerCpuSecond samples per second of encoding-thread CPU time: what one uncontended
     *     core delivers, a figure that stays meaningful on a shared machine (NaN where the JVM cannot
     *     measure thread CPU time)
     */
    public record Result(String config, int samples, int threads, double density, double samplesPerSecond,
                         double meanRate, double samplesPerCpuSecond) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%-28s threads=%d density=%.3f samples=%d  %,8.0f samples/s  (%,8.0f per CPU-second)  rate=%.4f",
                    config, threads, density, samples, samplesPerSecond, samplesPerCpuSecond, meanRate);
        }
    }

    /** With ideal Gaussian weights; warms up first, then times {@code samples} encodes. */
    public static Result run(ReservoirPreset preset, int samples, double density, int threads, long seed) {
        return run(preset, new IdealGaussianWeights(), samples, density, threads, seed);
    }

    /** With the given weight source (e.g. an RRAM model with read noise). */
    public static Result run(ReservoirPreset preset, WeightSource source, int samples, double density, int threads,
                             long seed) {
        requireValid(samples, density, threads);
        ReservoirSpec spec = preset.spec(seed);
        LifReservoir reservoir = new LifReservoir(spec, source);
        String config = preset + " " + spec.inputs() + "x" + spec.bins() + "->" + spec.neurons()
                + (source instanceof IdealGaussianWeights ? "" : " " + source.getClass().getSimpleName());
        return time(config, spec, reservoir.neurons(), (window, out) -> {
            reservoir.encode(window, out);
            return out;
        }, samples, density, threads, seed);
    }

    /**
     * A bank of {@code reservoirs} independent reservoirs of {@code spec} (ideal weights) read out in
     * {@code segments} parts of the window, as a read-out preset encodes ({@link ReservoirBank#encode}).
     */
    public static Result runBank(ReservoirSpec spec, int reservoirs, int segments, int samples, double density,
                                 int threads) {
        requireValid(samples, density, threads);
        ReservoirBank bank = ReservoirBank.of(spec, new IdealGaussianWeights(), reservoirs);
        String config = reservoirs + "x" + spec.neurons() + " bank " + spec.inputs() + "x" + spec.bins() + ", "
                + segments + " segment(s)";
        return time(config, spec, bank.neurons() * segments, (window, out) -> bank.encode(window, segments), samples,
                density, threads, spec.seed());
    }

    private static void requireValid(int samples, double density, int threads) {
        if (samples <= 0 || threads <= 0 || !(density >= 0 && density <= 1)) {
            throw new IllegalArgumentException("need samples > 0, threads > 0 and density in [0, 1], found samples="
                    + samples + ", threads=" + threads + ", density=" + density);
        }
    }

    /** One window's features; may fill and return {@code out} or return an array of its own. */
    private interface Encoder {
        float[] encode(SpikeWindow window, float[] out);
    }

    private static Result time(String config, ReservoirSpec spec, int features, Encoder encoder, int samples,
                               double density, int threads, long seed) {
        SpikeWindow[] windows = randomWindows(spec, density, Math.min(samples, WINDOW_POOL), seed);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            encodeAll(pool, encoder, features, windows, Math.min(WARM_UP_PER_THREAD, samples) * threads, threads);
            long start = System.nanoTime();
            Totals totals = encodeAll(pool, encoder, features, windows, samples, threads);
            double seconds = (System.nanoTime() - start) / 1e9;
            double perCpuSecond = totals.cpuNanos > 0 ? samples / (totals.cpuNanos / 1e9) : Double.NaN;
            return new Result(config, samples, threads, density, samples / seconds,
                    totals.featureSum / ((double) samples * features), perCpuSecond);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Totals(double featureSum, long cpuNanos) {
    }

    /** Encodes {@code samples} windows split over the threads. */
    private static Totals encodeAll(ExecutorService pool, Encoder encoder, int features, SpikeWindow[] windows,
                                    int samples, int threads) {
        List<Future<Totals>> parts = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int first = t;
            parts.add(pool.submit(() -> {
                ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
                long cpuStart = cpu.getCurrentThreadCpuTime();
                float[] buffer = new float[features];
                double sum = 0;
                for (int i = first; i < samples; i += threads) {
                    float[] out = encoder.encode(windows[i % windows.length], buffer);
                    for (float f : out) {
                        sum += f;
                    }
                }
                return new Totals(sum, cpu.getCurrentThreadCpuTime() - cpuStart);
            }));
        }
        double featureSum = 0;
        long cpuNanos = 0;
        try {
            for (Future<Totals> part : parts) {
                Totals totals = part.get();
                featureSum += totals.featureSum;
                cpuNanos += totals.cpuNanos;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("encoding failed during the benchmark", e.getCause());
        }
        return new Totals(featureSum, cpuNanos);
    }

    /** Independent Bernoulli cells with the given density, reproducible from the seed. */
    static SpikeWindow[] randomWindows(ReservoirSpec spec, double density, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        SpikeWindow[] windows = new SpikeWindow[count];
        boolean[][] dense = new boolean[spec.bins()][spec.inputs()];
        for (int w = 0; w < count; w++) {
            for (boolean[] bin : dense) {
                for (int i = 0; i < bin.length; i++) {
                    bin[i] = random.nextDouble() < density;
                }
            }
            windows[w] = SpikeWindow.fromDense(dense);
        }
        return windows;
    }

    /**
     * Prints throughput for the vision and audio probe presets at 5 % density on 1 and 2 threads, and
     * for vision on default RRAM weights (with read noise) on 2 threads.
     * Optional arguments: samples per run (default 20000), density (default 0.05).
     */
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        double density = args.length > 1 ? Double.parseDouble(args[1]) : 0.05;
        for (ReservoirPreset preset : List.of(ReservoirPreset.VISION_PROBE, ReservoirPreset.AUDIO_PROBE)) {
            for (int threads = 1; threads <= 2; threads++) {
                System.out.println(run(preset, samples, density, threads, 42L));
            }
        }
        // The device model's read noise takes the separate, slower kernel path.
        System.out.println(run(ReservoirPreset.VISION_PROBE, new RramDifferentialPairWeights(), samples / 4, density,
                2, 42L));
    }
}

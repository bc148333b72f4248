package io.liquidstream.core.readout;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirBank;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.ArrayList;

/**
 * Turns labelled samples into reservoir features: input spec (transforms + binning), then the fixed
 * reservoir, on a bounded number of threads.
 */
public final class FeatureExtractor {

    private final InputSpec input;
    private final ReservoirBank reservoirs;
    private final int threads;
    private final int segments;

    /** Whole-window firing rates, the seed's read-out. */
    public FeatureExtractor(InputSpec input, LifReservoir reservoir, int threads) {
        this(input, reservoir, threads, 1);
    }

    /**
     * Firing rates in {@code segments} consecutive parts of each window (see
     * {@link LifReservoir#encodeSegments}); {@code 1} is the seed's whole-window rate.
     */
    public FeatureExtractor(InputSpec input, LifReservoir reservoir, int threads, int segments) {
        this(input, ReservoirBank.of(reservoir), threads, segments);
    }

    /**
     * Firing rates of every reservoir of the bank in {@code segments} parts of each window, side by side
     * (see {@link ReservoirBank#encode}).
     */
    public FeatureExtractor(InputSpec input, ReservoirBank reservoirs, int threads, int segments) {
        if (input.inputs() != reservoirs.inputs()) {
            throw new IllegalArgumentException("input spec " + input.describe() + " yields " + input.inputs()
                    + " inputs but the reservoir expects " + reservoirs.inputs());
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, found " + threads);
        }
        this.input = input;
        this.reservoirs = reservoirs;
        this.threads = threads;
        if (segments <= 0) {
            throw new IllegalArgumentException("segments must be positive, found " + segments);
        }
        this.segments = segments;
    }

    /** Features of every sample, in order; {@code progress} receives the count done so far. */
    public float[][] extract(List<LabeledSample> samples, IntConsumer progress) {
        float[][] out = new float[samples.size()][];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "feature-extractor");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                        LabeledSample s = samples.get(i);
                        try {
                            var window = input.encode(s.events());
                            out[i] = reservoirs.encode(window, segments);
                        } catch (RuntimeException e) {
                            throw new IllegalArgumentException("cannot encode sample " + s.id() + ": " + e.getMessage(), e);
                        }
                        int d = done.incrementAndGet();
                        if (progress != null) {
                            progress.accept(d);
                        }
                    }
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while extracting features", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** Labels of the samples, in order. */
    public static int[] labels(List<LabeledSample> samples) {
        return samples.stream().mapToInt(LabeledSample::label).toArray();
    }
}

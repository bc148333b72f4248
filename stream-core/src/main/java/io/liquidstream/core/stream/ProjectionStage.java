package io.liquidstream.core.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Projection in micro-batches: {@link Encoded} windows are gathered until {@code batchSize} arrived or
 * {@code batchWait} passed since the first, then each goes through its modality's head (a plain-Java
 * {@link io.liquidstream.core.projection.FrozenHead}: at serving rates a batch holds a few windows, and
 * ND4J's fixed cost per operation was measured to outweigh its matrix product at every batch size up
 * to 64). Order is kept: outcomes leave in the order they came, each {@code Encoded} replaced by its
 * {@link Embedded}.
 *
 * <p>Backpressure: batching requests only what downstream asked for (fair backpressure), so at most
 * one batch waits per stage; the batch work runs on the given CPU scheduler.
 */
public final class ProjectionStage<A> implements Function<Flux<Outcome<A>>, Flux<Outcome<A>>> {

    private final Map<String, ModalityRuntime> models;
    private final int batchSize;
    private final Duration batchWait;
    private final Scheduler cpu;
    private final PipelineMetrics metrics;

    public ProjectionStage(Map<String, ModalityRuntime> models, int batchSize, Duration batchWait, Scheduler cpu,
                           PipelineMetrics metrics) {
        this.models = Map.copyOf(models);
        this.batchSize = batchSize;
        this.batchWait = batchWait;
        this.cpu = cpu;
        this.metrics = metrics;
    }

    @Override
    public Flux<Outcome<A>> apply(Flux<Outcome<A>> in) {
        return in.bufferTimeout(batchSize, batchWait, cpu, true)
                .publishOn(cpu, 2)
                .concatMapIterable(this::project);
    }

    /** Embeds every {@link Encoded} in the batch through its modality's {@link ModalityRuntime#embed(float[])}. */
    public List<Outcome<A>> project(List<Outcome<A>> batch) {
        List<Outcome<A>> out = null;
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof Encoded<A> e) {
                if (out == null) {
                    metrics.batch(batch.size());
                    out = new ArrayList<>(batch);
                }
                String modality = e.window().modality();
                out.set(i, new Embedded<>(e.window(), models.get(modality).embed(e.features()), e.decoding()));
                metrics.embedded(modality);
            }
        }
        return out == null ? batch : out;
    }
}

package io.liquidstream.core.stream;

import io.liquidstream.core.projection.ProjectionHead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Projection in micro-batches: {@link Encoded} windows are gathered until {@code batchSize} arrived or
 * {@code batchWait} passed since the first, then each modality's rows go through its head as one
 * matrix product. Order is kept: outcomes leave in the order they came, each {@code Encoded} replaced
 * by its {@link Embedded}.
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

    /** Embeds every {@link Encoded} in the batch, one matrix product per modality. */
    public List<Outcome<A>> project(List<Outcome<A>> batch) {
        Map<String, List<Integer>> rows = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof Encoded<A> e) {
                rows.computeIfAbsent(e.window().modality(), m -> new ArrayList<>()).add(i);
            }
        }
        if (rows.isEmpty()) {
            return batch;
        }
        metrics.batch(batch.size());
        List<Outcome<A>> out = new ArrayList<>(batch);
        for (Map.Entry<String, List<Integer>> group : rows.entrySet()) {
            ProjectionHead head = models.get(group.getKey()).head();
            List<Integer> idx = group.getValue();
            float[][] x = new float[idx.size()][];
            for (int r = 0; r < x.length; r++) {
                x[r] = ((Encoded<A>) batch.get(idx.get(r))).features();
            }
            INDArray y = head.forward(Nd4j.create(x).castTo(DataType.FLOAT));
            for (int r = 0; r < x.length; r++) {
                Encoded<A> e = (Encoded<A>) batch.get(idx.get(r));
                out.set(idx.get(r), new Embedded<>(e.window(), y.getRow(r).toFloatVector()));
                metrics.embedded(group.getKey());
            }
        }
        return out;
    }
}

package io.liquidstream.core.stream;

import io.liquidstream.core.association.AssociationIndex;
import io.liquidstream.core.bundle.OpenSetCalibration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The stages in order: windowing and reservoir encoding on {@code rails} parallel lanes, projection
 * in micro-batches, association. Generic over the caller's acknowledgement type {@code A}; it never
 * acknowledges anything itself, it only says through each terminal {@link Outcome} which inputs are
 * settled by it.
 *
 * <p><b>Ordering.</b> A source's packets always go to the same rail (by hash of the source id) and a
 * rail handles one outcome at a time, so a source's windows are closed, encoded and emitted in order.
 * Outcomes of different rails interleave.
 *
 * <p><b>Idle sources.</b> Each rail also receives a tick every quarter of {@code sourceIdleTimeout}
 * (at most every second, at least every millisecond) on the same serialized path as its packets, so a
 * source that falls silent with an open window has it closed by {@link WindowingStage#expire(long)};
 * ticks are dropped while the rail is backed up, and stop when the rail's input completes.
 *
 * <p><b>Backpressure.</b> Every hand-over is a bounded queue: at most {@code railQueue} outcomes per
 * rail, one projection batch, and whatever downstream requested. When downstream stops requesting,
 * the stages stop requesting from the input, which, for a Kafka receiver, pauses its partitions.
 *
 * <p><b>Read-outs ahead.</b> With {@link #readOutsAhead()}, a hop's continuous read-out leaves as a
 * {@link ReadOut} straight from its rail; everything else goes on through projection and association.
 *
 * <p>CPU work runs on a parallel scheduler of {@code rails} threads and a single projection thread,
 * created per pipeline and released by {@link #dispose()}.
 */
public final class StreamPipeline<A> implements Disposable {

    /** Asks a rail's windowing to expire its idle sources; never leaves the rail. */
    private static final Object TICK = new Object();

    private final Map<String, ModalityRuntime> models;
    private final PipelineSettings settings;
    private final PipelineMetrics metrics;
    private final LongSupplier clock;
    private final Scheduler lanes;
    private final Scheduler projectionThread;
    private final ProjectionStage<A> projection;
    private final AssociationStage<A> association;
    private final Predicate<A> revoked;
    private final Duration tickPeriod;
    private volatile boolean readOutsAhead;

    public StreamPipeline(Map<String, ModalityRuntime> models, String modelVersion, AssociationIndex anchors,
                          PipelineSettings settings, PipelineMetrics metrics, LongSupplier clockMicros) {
        this(models, modelVersion, anchors, settings, metrics, clockMicros, ack -> false);
    }

    /**
     * @param revoked whether an input's acknowledgement has become void (its partition went to another
     *     consumer, which replays it); windowing then forgets that input's source, see
     *     {@link WindowingStage}
     */
    public StreamPipeline(Map<String, ModalityRuntime> models, String modelVersion, AssociationIndex anchors,
                          PipelineSettings settings, PipelineMetrics metrics, LongSupplier clockMicros,
                          Predicate<A> revoked) {
        this(models, modelVersion, anchors, null, settings, metrics, clockMicros, revoked);
    }

    /**
     * @param calibration the model's open-set calibration (which classes are trained, seen-class
     *     margins), see {@link AssociationStage}; null when unknown
     * @param revoked as in {@link #StreamPipeline(Map, String, AssociationIndex, PipelineSettings,
     *     PipelineMetrics, LongSupplier, Predicate)}
     */
    public StreamPipeline(Map<String, ModalityRuntime> models, String modelVersion, AssociationIndex anchors,
                          OpenSetCalibration calibration, PipelineSettings settings, PipelineMetrics metrics,
                          LongSupplier clockMicros, Predicate<A> revoked) {
        this.revoked = revoked;
        this.models = Map.copyOf(models);
        settings.sliding().forEach((name, sliding) -> {
            if (models.containsKey(name) && sliding.liquid() == SlidingSpec.Liquid.CARRIED) {
                ContinuousLiquid.requireCompatible(models.get(name), sliding);
            }
        });
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clockMicros;
        this.tickPeriod = tickPeriod(settings.sourceIdleTimeout());
        this.lanes = Schedulers.newParallel("liquidstream-rail", settings.rails(), true);
        this.projectionThread = Schedulers.newSingle("liquidstream-projection", true);
        this.projection = new ProjectionStage<>(models, settings.batchSize(), settings.batchWait(), projectionThread,
                metrics);
        this.association = new AssociationStage<>(anchors, calibration, modelVersion, settings, metrics, clockMicros);
    }

    /** Runs the inputs (packets, plus rejects from decoding) through the stages; see the class comment. */
    public Flux<Outcome<A>> apply(Flux<Outcome<A>> inputs) {
        int queue = settings.railQueue();
        return inputs
                .groupBy(this::railOf, queue)
                .flatMap(rail -> {
                    WindowingStage<A> windowing = new WindowingStage<>(models, settings, metrics, clock, revoked);
                    return withTicks(rail, queue).publishOn(lanes, queue)
                            .concatMapIterable(item -> item == TICK
                                    ? windowing.expire(clock.getAsLong())
                                    : windowing.accept(outcome(item)), queue)
                            .concatMapIterable(this::encode, queue);
                }, settings.rails(), queue)
                .publish(shared -> Flux.merge(queue,
                        shared.filter(o -> o instanceof ReadOut<A>),
                        shared.filter(o -> !(o instanceof ReadOut<A>)).transform(projection).map(association::apply)),
                        queue);
    }

    /**
     * Publishes each hop's continuous read-out as a {@link ReadOut} as soon as its rail has stepped it,
     * before its window's projection batch and association (which still carry it): a closed loop waits on
     * the reservoir step only. Call before {@link #apply}; the caller must handle {@link ReadOut}s.
     */
    public StreamPipeline<A> readOutsAhead() {
        this.readOutsAhead = true;
        return this;
    }

    /**
     * The rail's outcomes with {@link #TICK}s merged in; the ticks are dropped while the rail is backed up
     * and end when the rail ends, so the rail still completes (or fails) with its input.
     */
    private Flux<Object> withTicks(Flux<Outcome<A>> rail, int queue) {
        return rail.publish(shared -> Flux.merge(queue, shared, Flux.interval(tickPeriod, lanes)
                .onBackpressureDrop()
                .map(n -> TICK)
                .takeUntilOther(shared.ignoreElements().onErrorComplete())), queue);
    }

    @SuppressWarnings("unchecked")
    private Outcome<A> outcome(Object railItem) {
        return (Outcome<A>) railItem;
    }

    /** A quarter of the timeout, so a source expires at most a quarter late, within [1 ms, 1 s]. */
    static Duration tickPeriod(Duration idleTimeout) {
        Duration quarter = idleTimeout.dividedBy(4);
        Duration atMostASecond = quarter.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : quarter;
        return atMostASecond.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : atMostASecond;
    }

    /** The rail of an outcome: by source for packets, rail 0 for anything else. */
    int railOf(Outcome<A> o) {
        return o instanceof Packet<A> p ? Math.floorMod(p.source().hashCode(), settings.rails()) : 0;
    }

    private List<Outcome<A>> encode(Outcome<A> o) {
        if (o instanceof Window<A> w) {
            return List.of(new Encoded<>(w, models.get(w.modality()).features(w.input())));
        }
        if (readOutsAhead && o instanceof Encoded<A> e && e.decoding() != null) {
            return List.of(new ReadOut<>(e.window(), association.decoded(e.window(), e.decoding(), clock.getAsLong())),
                    o);
        }
        return List.of(o);
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    @Override
    public void dispose() {
        lanes.dispose();
        projectionThread.dispose();
    }

    @Override
    public boolean isDisposed() {
        return lanes.isDisposed();
    }
}

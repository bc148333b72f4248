package io.liquidstream.core.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stages' meters, all named {@code liquidstream.*}: events and packets in, windows, embeddings and
 * associations per modality (and of those, labelled queries answered with their label), duplicates, sequence gaps, dead letters by reason, windows in flight,
 * packets waiting in reorder buffers, open samples, sources expired after going idle, micro-batch sizes and the end-to-end latency
 * from a window's first received event to its outputs being written (histogram with p50/p90/p99).
 */
public final class PipelineMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Map<String, Counter> windows = new ConcurrentHashMap<>();
    private final Map<String, Counter> embeddings = new ConcurrentHashMap<>();
    private final Map<String, Counter> associations = new ConcurrentHashMap<>();
    private final Map<String, Counter> correct = new ConcurrentHashMap<>();
    private final Map<RejectReason, Counter> deadLetters = new EnumMap<>(RejectReason.class);
    private final Counter packets;
    private final Counter duplicates;
    private final Counter gapPackets;
    private final Counter expiredSources;
    private final Timer latency;
    private final DistributionSummary batchSizes;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong reorderBuffered = new AtomicLong();
    private final AtomicLong openSamples = new AtomicLong();

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.packets = Counter.builder("liquidstream.packets.in").description("Event packets received").register(registry);
        this.duplicates = Counter.builder("liquidstream.packets.duplicate")
                .description("Packets dropped because their sequence number was already seen").register(registry);
        this.gapPackets = Counter.builder("liquidstream.packets.gap")
                .description("Sequence numbers given up as missing after the reorder bound").register(registry);
        this.expiredSources = Counter.builder("liquidstream.sources.expired")
                .description("Idle sources whose open windows were closed or sequence gaps given up").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            deadLetters.put(reason, Counter.builder("liquidstream.dlq").tag("reason", reason.name())
                    .description("Inputs sent to the dead-letter queue").register(registry));
        }
        this.latency = Timer.builder("liquidstream.latency")
                .description("From a window's first received event to its outputs acknowledged by the broker")
                .publishPercentiles(0.5, 0.9, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        this.batchSizes = DistributionSummary.builder("liquidstream.projection.batch")
                .description("Windows per projection micro-batch").register(registry);
        registry.gauge("liquidstream.windows.inflight", inFlight);
        registry.gauge("liquidstream.reorder.buffered", reorderBuffered);
        registry.gauge("liquidstream.samples.open", openSamples);
    }

    public MeterRegistry registry() {
        return registry;
    }

    void packet(String modality, int eventCount) {
        packets.increment();
        counter(events, "liquidstream.events.in", modality).increment(eventCount);
    }

    void window(String modality) {
        inFlight.incrementAndGet();
        counter(windows, "liquidstream.windows", modality).increment();
    }

    void embedded(String modality) {
        counter(embeddings, "liquidstream.embeddings", modality).increment();
    }

    void associated(String modality, boolean labelledAndCorrect) {
        counter(associations, "liquidstream.associations", modality).increment();
        // Registered with the first association of a modality, so accuracy per modality is 0, not absent.
        Counter right = counter(correct, "liquidstream.associations.correct", modality);
        if (labelledAndCorrect) {
            right.increment();
        }
    }

    void duplicate() {
        duplicates.increment();
    }

    void gap(long missing) {
        gapPackets.increment(missing);
    }

    void sourceExpired() {
        expiredSources.increment();
    }

    void batch(int size) {
        batchSizes.record(size);
    }

    void reorderBuffered(long delta) {
        reorderBuffered.addAndGet(delta);
    }

    void openSamples(long delta) {
        openSamples.addAndGet(delta);
    }

    /** Counts an input sent to the dead-letter queue. */
    public void deadLetter(RejectReason reason) {
        deadLetters.get(reason).increment();
    }

    /** A window's outputs were written: records its end-to-end latency and ends its time in flight. */
    public void windowCompleted(long firstEventWallMicros, long nowMicros) {
        inFlight.decrementAndGet();
        latency.record(Math.max(0, nowMicros - firstEventWallMicros), TimeUnit.MICROSECONDS);
    }

    /** A window's outputs will never be written (its inputs went to another owner): it ends its time in flight. */
    public void windowDiscarded() {
        inFlight.decrementAndGet();
    }

    /** Windows closed whose outputs are not written yet. */
    public long windowsInFlight() {
        return inFlight.get();
    }

    public Timer latency() {
        return latency;
    }

    /** Total of a per-modality counter family ({@code liquidstream.windows}, ...), over all modalities. */
    public double total(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Counter counter(Map<String, Counter> family, String name, String modality) {
        return family.computeIfAbsent(modality, m -> Counter.builder(name).tag("modality", m).register(registry));
    }
}

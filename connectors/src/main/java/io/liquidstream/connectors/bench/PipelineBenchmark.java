package io.liquidstream.connectors.bench;

import io.liquidstream.connectors.replay.Pacer;
import io.liquidstream.connectors.replay.ReplaySpeed;
import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.connectors.service.ServiceConfig;
import io.liquidstream.connectors.service.TopicSetup;
import io.liquidstream.connectors.view.LiveView;
import io.liquidstream.connectors.view.ViewSettings;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.schemas.Modality;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code liquidstream bench pipeline}: the whole service against the bare Kafka substrate, on one
 * broker (embedded, or given), in five phases over fresh topics of this run:
 * <ol>
 *   <li><b>backlog</b>: synthetic samples of one modality ({@link SyntheticSamples}) are written to its
 *       input topic as fast as the producer goes;</li>
 *   <li><b>warm-up</b>: an untimed copy of it and an untimed drain by a first service instance (in this
 *       process), so the JIT has compiled the hot paths before anything is timed;</li>
 *   <li><b>substrate</b>: a plain consumer→producer copy of that backlog ({@link SubstrateCopy});</li>
 *   <li><b>maximum</b>: a second backlog of the same size is written and a second instance, in the same
 *       consumer group, drains it; its rate is the sample events answered per second between the
 *       associations of 10 % and of 90 % of the backlog read back, leaving out the start (group join,
 *       first batches) and the tail;</li>
 *   <li><b>load</b>: samples are sent at a steady rate (by default half the maximum), first untimed for a
 *       warm-up, then for the measured duration; each
 *       sample's end-to-end latency runs from its first packet handed to the producer to its association
 *       read back ({@link AssociationWatch}).</li>
 * </ol>
 * CPU and heap are those of this JVM, broker included when embedded. With a profile file, the
 * maximum and load phases are recorded with JFR and summarised by thread and method.
 */
public final class PipelineBenchmark {

    /**
     * What to run.
     *
     * @param bootstrapServers an existing cluster, or null for an embedded broker
     * @param client extra client properties (security) for every client of the run
     * @param bundle the model served; {@code modality} must be one of its modalities
     * @param backlogEvents events in the backlog drained by the substrate and maximum phases
     * @param loadEventsPerSecond rate of the load phase, or 0 for half the measured maximum
     * @param loadWarmup how long the load runs untimed before {@code loadDuration} is measured
     * @param rails the service's rails, or 0 for its default
     * @param profile where to write a JFR recording, or null for none
     * @param withView whether the live view runs (with one open page) during the maximum and load phases
     */
    public record Settings(String bootstrapServers, Map<String, Object> client, ModelBundle bundle, String modality,
            int sources, int eventsPerSample, int packetEvents, int sampleMicros, long backlogEvents,
            double loadEventsPerSecond, Duration loadWarmup, Duration loadDuration, int partitions, boolean exactlyOnce,
            int rails, Path profile, long seed, boolean withView) {

        public Settings {
            Objects.requireNonNull(bundle, "bundle");
            client = Map.copyOf(client);
            if (bundle.modalities().stream().noneMatch(m -> m.name().equals(modality))) {
                throw new IllegalArgumentException("expected modality '" + modality + "' in the bundle, found "
                        + bundle.modalities().stream().map(ModalityModel::name).toList());
            }
            if (Modalities.of(modality) == Modality.UNKNOWN) {
                throw new IllegalArgumentException("expected a modality the event schema knows (vision, audio, neural), "
                        + "found '" + modality + "'");
            }
            if (sources < 1 || eventsPerSample < 1 || packetEvents < 1 || sampleMicros < 1 || partitions < 1) {
                throw new IllegalArgumentException("expected sources, events per sample, packet events, sample length "
                        + "and partitions >= 1, found " + sources + ", " + eventsPerSample + ", " + packetEvents + ", "
                        + sampleMicros + ", " + partitions);
            }
            if (backlogEvents < 2L * eventsPerSample) {
                throw new IllegalArgumentException("expected a backlog of at least two samples (" + 2L * eventsPerSample
                        + " events), found " + backlogEvents);
            }
            if (loadEventsPerSecond < 0 || loadWarmup.isNegative() || loadDuration.isNegative() || loadDuration.isZero()
                    || rails < 0) {
                throw new IllegalArgumentException("expected a load rate >= 0 (0: half the maximum), a load warm-up >= 0,"
                        + " a positive load duration and rails >= 0, found " + loadEventsPerSecond + ", " + loadWarmup
                        + ", " + loadDuration + ", " + rails);
            }
        }
    }

    /** The figures of one run. Rates are events per second; latencies milliseconds. */
    public record Result(long backlogEvents, double backlogWriteEventsPerSecond, double substrateEventsPerSecond,
            double eventsPerSecond, ProcessGauges.Usage maximumUsage, double loadTargetEventsPerSecond,
            double loadInputEventsPerSecond, double loadOutputEventsPerSecond, long loadSamples, long unanswered,
            long duplicates, double deadLetters, Latency endToEnd, Latency ingress, Latency service, Latency egress,
            ProcessGauges.Usage loadUsage,
            JfrProfile.Summary profile, Path profileFile) {

        /** The most heap in use in either measured phase. */
        public long heapMaxBytes() {
            return Math.max(maximumUsage.heapMaxBytes(), loadUsage.heapMaxBytes());
        }

        /** The most heap left after a collection in either measured phase. */
        public long heapAfterGcMaxBytes() {
            return Math.max(maximumUsage.heapAfterGcMaxBytes(), loadUsage.heapAfterGcMaxBytes());
        }

        /** The pipeline's maximum over the substrate's. */
        public double ratioToSubstrate() {
            return substrateEventsPerSecond > 0 ? eventsPerSecond / substrateEventsPerSecond : Double.NaN;
        }
    }

    /** Percentiles of one latency, in milliseconds. */
    public record Latency(long count, double p50, double p99, double p999, double max) {

        /** A figure of a latency, and the part of its JSON key that names it. */
        public enum Figure {
            P50("P50"), P99("P99"), P999("P999"), MAX("Max");

            private final String key;

            Figure(String key) {
                this.key = key;
            }
        }

        /**
         * Puts the given figures as {@code <name>P50Ms}, {@code <name>P99Ms}, ... : milliseconds to two
         * decimals, null when nothing was measured (JSON has no NaN). The one way the benchmarks' reports
         * name a latency.
         */
        public void putMillis(Map<String, Object> fields, String name, Figure... figures) {
            for (Figure f : figures) {
                double v = switch (f) {
                    case P50 -> p50;
                    case P99 -> p99;
                    case P999 -> p999;
                    case MAX -> max;
                };
                fields.put(name + f.key + "Ms", Double.isNaN(v) ? null : Math.round(v * 100) / 100.0);
            }
        }

        static Latency of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Latency(micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0,
                    micros.getValueAtPercentile(99) / 1000.0, micros.getValueAtPercentile(99.9) / 1000.0,
                    micros.getMaxValue() / 1000.0);
        }
    }

    private static final Duration DRAIN_AFTER_LOAD = Duration.ofSeconds(30);
    /** The maximum is the drain rate between the answers to 10 % and 90 % of the backlog: its steady part. */
    private static final double STEADY_FROM = 0.1;
    private static final double STEADY_TO = 0.9;
    private static final long GAUGE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Settings s;
    private final Consumer<String> progress;

    /** @param progress told one line at the start and end of every phase */
    public PipelineBenchmark(Settings settings, Consumer<String> progress) {
        this.s = settings;
        this.progress = progress;
    }

    public Result run() throws InterruptedException {
        return BenchCluster.run(s.bootstrapServers(), progress, this::run);
    }

    private Result run(String bootstrap) throws InterruptedException {
        Map<String, Object> client = new LinkedHashMap<>(s.client());
        client.put("bootstrap.servers", bootstrap);
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Names names = new Names(prefix, s.modality());
        TopicSetup.ensure(client, List.of(names.input(), names.copy()), null, s.partitions(), (short) 1);
        try {
            return phases(client, names);
        } finally {
            deleteTopics(client, names);
        }
    }

    private Result phases(Map<String, Object> client, Names names) throws InterruptedException {
        ModalityModel model = s.bundle().modality(s.modality());
        SyntheticSamples samples = new SyntheticSamples(Modalities.of(s.modality()), model.input().expectedGeometry(),
                "bench/" + s.modality() + "-", s.sources(), s.eventsPerSample(), s.packetEvents(), s.sampleMicros(),
                s.seed());
        long backlogSamples = (s.backlogEvents() + s.eventsPerSample() - 1) / s.eventsPerSample();
        long backlogEvents = backlogSamples * s.eventsPerSample();
        try (AssociationWatch watch = new AssociationWatch(client, names.associations());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(client), new StringSerializer(),
                     new ByteArraySerializer())) {
            Thread watching = new Thread(watch, "bench-association-watch");
            watching.setDaemon(true);
            watching.start();

            AtomicReference<Exception> sendFailure = new AtomicReference<>();
            double writeRate = writeBacklog(producer, names, samples, backlogSamples, watch, sendFailure);

            // Everything runs twice, once untimed: a cold run spent a third of the machine in the JIT compiler
            // for its first ~40 s, and the substrate and service share most of their hot code (Kafka clients).
            progress.accept("substrate: copying the backlog with a plain consumer and producer (warm-up, not timed)");
            SubstrateCopy.run(client, names.input(), names.copy(), backlogSamples * samples.packetsPerSample(),
                    drainTimeout(backlogEvents));
            progress.accept("warm-up: a first service instance drains the backlog (not timed)");
            ProcessGauges warmGauges = ProcessGauges.start();
            try (LiquidStreamService warmUp = LiquidStreamService.start(new ServiceConfig(serviceProps(client, names)),
                    s.bundle(), new SimpleMeterRegistry())) {
                awaitAnswers(watch, backlogSamples, drainTimeout(backlogEvents), warmUp, warmGauges, "the warm-up");
            }
            ProcessGauges.Usage warm = warmGauges.stop();
            progress.accept(String.format("warm-up: done in %.1f s", warm.seconds()));

            progress.accept("substrate: copying the backlog with a plain consumer and producer");
            SubstrateCopy.Result substrate = SubstrateCopy.run(client, names.input(), names.copy(),
                    backlogSamples * samples.packetsPerSample(), drainTimeout(backlogEvents));
            double substrateRate = substrate.recordsPerSecond() * s.eventsPerSample() / samples.packetsPerSample();
            progress.accept(String.format("substrate: %,.0f events/s (%,d records in %.1f s)", substrateRate,
                    substrate.records(), substrate.seconds()));
            watch.reset();
            writeBacklog(producer, names, samples, backlogSamples, watch, sendFailure);

            JfrProfile profile = s.profile() != null ? JfrProfile.start(s.profile()) : null;
            ServiceConfig serviceConfig = new ServiceConfig(serviceProps(client, names));
            // The view and its page start first, so the service's measured drain is not shortened by their start-up.
            try (LiveView view = s.withView() ? LiveView.start(ViewSettings.of(serviceConfig, ViewSettings.DEFAULT_HOST, 0,
                         false), s.bundle()) : null;
                 PageClient page = view != null ? new PageClient(view.url(), samples.sourceId(0)) : null;
                 LiquidStreamService service = LiquidStreamService.start(serviceConfig, s.bundle(), new SimpleMeterRegistry())) {
                if (view != null) {
                    progress.accept("view: the live view on " + view.url() + " with one page open on "
                            + samples.sourceId(0));
                }
                progress.accept("maximum: a second service instance drains the second backlog");
                ProcessGauges maxGauges = ProcessGauges.start();
                awaitAnswers(watch, backlogSamples, drainTimeout(backlogEvents), service, maxGauges, "the backlog");
                ProcessGauges.Usage maxUsage = maxGauges.stop();
                AssociationWatch.Phase drained = watch.phase();
                double maxRate = drained.answersPerSecond(STEADY_FROM, STEADY_TO) * s.eventsPerSample();
                progress.accept(String.format("maximum: %,.0f events/s (%,d samples), %.2f cores busy", maxRate,
                        drained.answered(), maxUsage.cpuCores()));

                double target = s.loadEventsPerSecond() > 0 ? s.loadEventsPerSecond() : maxRate / 2;
                if (!s.loadWarmup().isZero()) {
                    progress.accept(String.format("load: %,.0f events/s for %d s (warm-up, not timed)", target,
                            s.loadWarmup().toSeconds()));
                    ProcessGauges warmLoad = ProcessGauges.start();
                    sendSteadily(producer, names.input(), samples, watch, target, s.loadWarmup(), warmLoad, service,
                            sendFailure);
                    producer.flush();
                    awaitAnswered(watch, service, warmLoad);
                }
                progress.accept(String.format("load: %,.0f events/s for %d s", target, s.loadDuration().toSeconds()));
                watch.reset();
                double phaseStart = watch.now();
                ProcessGauges loadGauges = ProcessGauges.start();
                long sent = sendSteadily(producer, names.input(), samples, watch, target, s.loadDuration(), loadGauges,
                        service, sendFailure);
                double sendSeconds = watch.now() - phaseStart;
                producer.flush();
                requireSent(sendFailure);
                awaitAnswered(watch, service, loadGauges);
                ProcessGauges.Usage loadUsage = loadGauges.stop();
                AssociationWatch.Phase load = watch.phase();
                double outputSeconds = load.lastAnswerSeconds() - phaseStart;
                JfrProfile.Summary summary = profile != null ? profile.stop(12) : null;
                Latency endToEnd = Latency.of(load.endToEndMicros());
                progress.accept(String.format("load: latency p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms; %d unanswered",
                        endToEnd.p50(), endToEnd.p99(), endToEnd.p999(), watch.awaiting()));
                if (page != null) {
                    progress.accept(String.format("view: the page received %,d messages (%,.1f MB); the view skipped %,d "
                            + "records to keep up", page.messages(), page.bytes() / 1e6, view.skippedRecords()));
                }
                return new Result(backlogEvents, writeRate, substrateRate, maxRate, maxUsage, target,
                        sent * (double) s.eventsPerSample() / sendSeconds,
                        load.answered() * (double) s.eventsPerSample() / outputSeconds, sent, watch.awaiting(),
                        watch.unexpected(), service.metrics().total("liquidstream.dlq"), endToEnd, Latency.of(load.ingressMicros()),
                        Latency.of(load.serviceMicros()), Latency.of(load.egressMicros()), loadUsage,
                        summary, profile != null ? profile.file() : null);
            } finally {
                if (profile != null) {
                    profile.close();
                }
            }
        }
    }

    /** Until every sample sent is answered, or {@link #DRAIN_AFTER_LOAD} passed (what is left counts as unanswered). */
    private static void awaitAnswered(AssociationWatch watch, LiquidStreamService service, ProcessGauges gauges)
            throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_AFTER_LOAD.toNanos();
        while (watch.awaiting() > 0 && System.nanoTime() < deadline) {
            requireRunning(service);
            gauges.sample();
            Thread.sleep(20);
        }
    }

    /** Writes a backlog as fast as the producer goes; returns its rate in events per second. */
    private double writeBacklog(KafkaProducer<String, byte[]> producer, Names names, SyntheticSamples samples,
            long count, AssociationWatch watch, AtomicReference<Exception> sendFailure) {
        progress.accept(String.format("backlog: writing %,d samples (%,d events) to %s", count,
                count * s.eventsPerSample(), names.input()));
        long writeStart = System.nanoTime();
        for (long i = 0; i < count; i++) {
            send(producer, names.input(), samples.next(), watch, sendFailure);
        }
        producer.flush();
        requireSent(sendFailure);
        double rate = count * s.eventsPerSample() / ((System.nanoTime() - writeStart) / 1e9);
        progress.accept(String.format("backlog: %,.0f events/s written", rate));
        return rate;
    }

    /** Sends samples at {@code eventsPerSecond} for {@code duration}, catching up when behind; returns how many. */
    private long sendSteadily(KafkaProducer<String, byte[]> producer, String topic, SyntheticSamples samples,
            AssociationWatch watch, double eventsPerSecond, Duration duration, ProcessGauges gauges,
            LiquidStreamService service, AtomicReference<Exception> sendFailure) throws InterruptedException {
        // The schedule's clock counts events, running at eventsPerSecond / 1e6 events per µs: sample k is due
        // once k samples' events are.
        Pacer pacer = new Pacer(new ReplaySpeed(eventsPerSecond / 1e6));
        pacer.start(0);
        long nanosPerSample = Math.max(1, Math.round(s.eventsPerSample() * 1e9 / eventsPerSecond));
        long samplesDue = (duration.toNanos() + nanosPerSample - 1) / nanosPerSample;
        long nextGauge = System.nanoTime();
        long sent = 0;
        for (; sent < samplesDue; sent++) {
            pacer.await(sent * s.eventsPerSample());
            send(producer, topic, samples.next(), watch, sendFailure);
            if (System.nanoTime() >= nextGauge) {
                nextGauge += GAUGE_NANOS;
                gauges.sample();
                requireRunning(service);
                requireSent(sendFailure);
            }
        }
        return sent;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, SyntheticSamples.Sample sample,
            AssociationWatch watch, AtomicReference<Exception> failure) {
        watch.sending(sample.sampleId());
        for (byte[] packet : sample.packets()) {
            producer.send(new ProducerRecord<>(topic, sample.source(), packet), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }
    }

    private static void awaitAnswers(AssociationWatch watch, long expected, Duration timeout, LiquidStreamService service,
            ProcessGauges gauges, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (watch.answered() < expected) {
            requireRunning(service);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("expected associations for all " + expected + " samples of " + what
                        + " within " + timeout + ", found " + watch.answered());
            }
            gauges.sample();
            Thread.sleep(GAUGE_NANOS / 1_000_000);
        }
    }

    /** Generous: a drain slower than 20,000 events/s is a failure worth a clear message, not a benchmark. */
    private static Duration drainTimeout(long events) {
        return Duration.ofSeconds(Math.max(60, events / 20_000));
    }

    private Map<String, Object> serviceProps(Map<String, Object> client, Names names) {
        Map<String, Object> props = new LinkedHashMap<>(client);
        props.put(ServiceConfig.MODEL_PATH, "bench");
        props.put(ServiceConfig.GROUP_ID, names.prefix() + "service");
        props.put(ServiceConfig.EVENTS_TOPIC_PREFIX, names.prefix() + "events.");
        props.put(ServiceConfig.EMBEDDINGS_TOPIC_PREFIX, names.prefix() + "embeddings.");
        props.put(ServiceConfig.ASSOCIATIONS_TOPIC, names.associations());
        props.put(ServiceConfig.ANCHORS_TOPIC, names.prefix() + "anchors");
        props.put(ServiceConfig.DLQ_TOPIC, names.prefix() + "dlq");
        props.put(ServiceConfig.TOPICS_PARTITIONS, s.partitions());
        props.put(ServiceConfig.DELIVERY, s.exactlyOnce() ? ServiceConfig.EXACTLY_ONCE : ServiceConfig.AT_LEAST_ONCE);
        props.put(ServiceConfig.METRICS_PORT, 0);
        if (s.rails() > 0) {
            props.put(ServiceConfig.RAILS, s.rails());
        }
        return props;
    }

    private static Map<String, Object> producerProps(Map<String, Object> client) {
        Map<String, Object> props = new LinkedHashMap<>(client);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // One request in flight per connection: see the integration tests' producer; fresh partitions of
        // a busy single-node broker answer "not leader" for a moment and pipelined retries can wedge.
        props.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return props;
    }

    private static void requireRunning(LiquidStreamService service) {
        if (service.failure() != null) {
            throw new IllegalStateException("the service stopped during the benchmark: " + service.failure(),
                    service.failure());
        }
    }

    private static void requireSent(AtomicReference<Exception> failure) {
        if (failure.get() != null) {
            throw new IllegalStateException("the benchmark's producer could not send: " + failure.get(), failure.get());
        }
    }

    private void deleteTopics(Map<String, Object> client, Names names) {
        if (s.bootstrapServers() != null) {
            RunTopics.delete(client, names.prefix(), progress);
        }
    }

    /** The topics of one run, all under one fresh prefix so runs on an external cluster never mix. */
    private record Names(String prefix, String modality) {
        String input() {
            return prefix + "events." + modality;
        }

        String copy() {
            return prefix + "substrate-copy";
        }

        String associations() {
            return prefix + "associations";
        }
    }
}

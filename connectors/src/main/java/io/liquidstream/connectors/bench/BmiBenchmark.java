package io.liquidstream.connectors.bench;

import io.liquidstream.connectors.replay.Pacer;
import io.liquidstream.connectors.replay.ReplaySpeed;
import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.connectors.service.ServiceConfig;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.schemas.Decoded;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code liquidstream bench bmi}: closed-loop decoding latency. {@code sources} simulated rigs
 * ({@link TunedRig}) stream one packet per bin in real time ({@link Pacer}) through the broker (embedded,
 * or given) into a {@link LiquidStreamService} in this process that decodes them continuously (a carried
 * liquid, a read-out every hop, {@link BenchModel#neural}); a reader takes the {@code Decoded} records
 * off their topic. A hop's latency runs from the wall-clock time the packet holding its last spike was
 * handed to the producer to its {@code Decoded} record read back; beside it, from the packet that closes
 * the hop: the packet whose watermark reaches the hop's end (the rigs mark each packet's bin complete) or,
 * without watermarks, the first with a spike at or after its end.
 *
 * <p>The service is started, warmed up (its own {@code warmup.ms}) and in its consumer group before the
 * rigs start, so the figures are the running system's; the first {@link #FIRST_SECONDS} are reported
 * apart to show what is left of the JIT's warm-up. CPU is this process's, the embedded broker included.
 */
public final class BmiBenchmark {

    /** The opening stretch reported apart (first seconds vs later). */
    public static final Duration FIRST_SECONDS = Duration.ofSeconds(10);
    /** Decoded records still arriving after the rigs stop are awaited this long. */
    private static final Duration DRAIN = Duration.ofSeconds(3);
    /** The association window and the warm-up, in time; the decoder's read-out span at least a hop. */
    private static final long WINDOW_MICROS = 200_000;
    private static final long WARMUP_MICROS = 300_000;
    private static final long DECODER_MICROS = 50_000;
    /**
     * The client settings of a closed loop, over the service's throughput-minded defaults (docs/continuous-decoding.md):
     * a fetch the broker parks returns within 5 ms, and output records leave without lingering for a batch.
     */
    public static final Map<String, Object> CLOSED_LOOP = Map.of(
            ServiceConfig.CONSUMER_PREFIX + ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5,
            ServiceConfig.PRODUCER_PREFIX + ProducerConfig.LINGER_MS_CONFIG, 0);
    /** The reader's fetch.max.wait.ms: the longest the broker holds its fetch when there is nothing new. */
    static final int READER_FETCH_WAIT_MS = 5;
    /** Send times are kept this long (rig clock) for hops still to be decoded. */
    private static final long KEEP_MICROS = 5_000_000;

    /**
     * What to run.
     *
     * @param bootstrapServers an existing cluster, or null for an embedded broker
     * @param client  extra client properties (security) for every client of the run
     * @param service extra service settings over the bench's ({@code consumer.fetch.max.wait.ms}, {@code warmup.ms}, ...)
     * @param warmup  how long the rigs stream before the measurement starts (zero: measure from a cold start)
     * @param watermarks whether each rig packet carries a watermark at its bin's end, so its hop closes with it
     */
    public record Settings(String bootstrapServers, Map<String, Object> client, int channels, long binMicros,
                           long hopMicros, int sources, Duration warmup, Duration duration, Map<String, Object> service,
                           long seed, boolean watermarks) {

        public Settings {
            client = Map.copyOf(client);
            service = Map.copyOf(service);
            if (channels < 1 || binMicros < 1 || sources < 1) {
                throw new IllegalArgumentException("expected channels, bin and sources >= 1, found " + channels + ", "
                        + binMicros + " us, " + sources);
            }
            if (hopMicros < binMicros || hopMicros % binMicros != 0) {
                throw new IllegalArgumentException("expected a hop that is a whole number of bins, found a hop of "
                        + hopMicros + " us and bins of " + binMicros + " us");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("expected a positive duration, found " + duration);
            }
            if (duration.toNanos() / 1000 < binMicros) {
                throw new IllegalArgumentException("expected a duration of at least one bin (" + binMicros
                        + " us), found " + duration);
            }
            if (warmup.isNegative()) {
                throw new IllegalArgumentException("expected a warm-up of zero or more, found " + warmup);
            }
        }

        public Settings withSources(int k) {
            return new Settings(bootstrapServers, client, channels, binMicros, hopMicros, k, warmup, duration, service,
                    seed, watermarks);
        }
    }

    /**
     * The figures of one run: latencies in milliseconds, rates per second over the sending time; CPU in
     * cores; the system's 1-minute load average at the end (the machine's other work). The legs of the
     * latency from the packet closing a hop: {@code ingress} to the hop stepped (producer, broker, consumer,
     * rail queue), {@code service} to its Decoded record emitted, {@code egress} to it read back.
     */
    public record Result(Settings settings, PipelineBenchmark.Latency latency, PipelineBenchmark.Latency firstSeconds,
                         PipelineBenchmark.Latency later, PipelineBenchmark.Latency fromClose,
                         PipelineBenchmark.Latency ingress, PipelineBenchmark.Latency service,
                         PipelineBenchmark.Latency egress, long packetsSent,
                         long spikesSent, long decoded, long unmatched, double sendSeconds, ProcessGauges.Usage usage,
                         double loadAverage) {

        public double packetsPerSecond() {
            return packetsSent / sendSeconds;
        }

        public double spikesPerSecond() {
            return spikesSent / sendSeconds;
        }

        public double decodedPerSecond() {
            return decoded / sendSeconds;
        }
    }

    /** The largest source count found to hold a p99 target, and every run of the search. */
    public record Search(int maxSources, List<Result> runs) {
    }

    private final Settings s;
    private final Consumer<String> progress;

    /** @param progress told a line at each step */
    public BmiBenchmark(Settings settings, Consumer<String> progress) {
        this.s = settings;
        this.progress = progress;
    }

    public Result run() throws InterruptedException {
        return BenchCluster.run(s.bootstrapServers(), progress, bootstrap -> run(s, bootstrap));
    }

    /**
     * Runs with 1, 2, 4, ... sources until a run's p99 exceeds {@code p99Ms} (or {@code maxSources} is
     * reached): the largest source count that held it, within a factor of two.
     */
    public Search findMaxSources(double p99Ms, int maxSources) throws InterruptedException {
        return BenchCluster.run(s.bootstrapServers(), progress, bootstrap -> search(bootstrap, p99Ms, maxSources));
    }

    private Search search(String bootstrap, double p99Ms, int maxSources) throws InterruptedException {
        List<Result> runs = new ArrayList<>();
        int held = 0;
        for (int k = 1; k <= maxSources; k *= 2) {
            Result r = run(s.withSources(k), bootstrap);
            runs.add(r);
            if (!(r.latency().p99() <= p99Ms)) {
                break;
            }
            held = k;
        }
        return new Search(held, runs);
    }

    private Result run(Settings run, String bootstrap) throws InterruptedException {
        Map<String, Object> client = new LinkedHashMap<>(run.client());
        client.put("bootstrap.servers", bootstrap);
        String prefix = "bench-bmi-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        int hopBins = Math.toIntExact(run.hopMicros() / run.binMicros());
        int windowBins = Math.toIntExact(Math.max(hopBins, WINDOW_MICROS / run.binMicros()));
        int decoderBins = Math.toIntExact(Math.min(windowBins, Math.max(hopBins, DECODER_MICROS / run.binMicros())));
        ModelBundle bundle = BenchModel.neural(run.channels(), run.binMicros(), windowBins, decoderBins, run.seed());
        Map<String, Object> props = serviceProps(run, client, prefix, hopBins, windowBins);
        String group = prefix + "service";
        String decodedTopic = prefix + "decoded.neural";
        progress.accept(String.format("service: %d channels, bins of %d us, a read-out every %d us, %d source(s)",
                run.channels(), run.binMicros(), run.hopMicros(), run.sources()));
        try (LiquidStreamService service = LiquidStreamService.start(new ServiceConfig(props), bundle,
                new SimpleMeterRegistry());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(client), new StringSerializer(),
                     new ByteArraySerializer());
             Reader reader = new Reader(client, decodedTopic, run.sources())) {
            awaitMember(client, group, service);
            Thread reading = new Thread(reader, "bench-decoded-reader");
            reading.setDaemon(true);
            reading.start();
            try {
                return measure(run, service, producer, reader, prefix + "events.neural");
            } finally {
                reader.stop();
                reading.join(5_000);
                deleteTopics(run, client, prefix);
            }
        }
    }

    private Result measure(Settings run, LiquidStreamService service, KafkaProducer<String, byte[]> producer,
                           Reader reader, String topic) throws InterruptedException {
        AvroSingleObjectCodec<EventPacket> codec = AvroSingleObjectCodec.of(EventPacket.class);
        List<TunedRig> rigs = new ArrayList<>();
        for (int k = 0; k < run.sources(); k++) {
            String source = "rig-" + k + "/neural";
            rigs.add(new TunedRig(source, run.channels(), run.binMicros(), run.watermarks(), run.seed() * 1000 + k));
            reader.sends.put(source, new Sends());
        }
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        Pacer pacer = new Pacer(ReplaySpeed.REALTIME);
        long warmBins = run.warmup().toNanos() / 1000 / run.binMicros();
        long bins = run.duration().toNanos() / 1000 / run.binMicros();
        long spikes = 0;
        long packets = 0;
        progress.accept(String.format("rigs: %d source(s) x %d channels in real time, %s to warm up, then %s measured",
                run.sources(), run.channels(), run.warmup(), run.duration()));
        ProcessGauges gauges = null;
        long start = System.nanoTime();
        long nextGauge = start;
        for (long b = 0; b < warmBins + bins; b++) {
            if (b == warmBins) {
                gauges = ProcessGauges.start();
                start = System.nanoTime();
                nextGauge = start;
                reader.start(LiquidStreamService.wallMicros());
                spikes = 0;
                packets = 0;
            }
            TunedRig first = rigs.get(0);
            pacer.await(first.nextBinStartMicros(), first.nextBinEndMicros());
            for (TunedRig rig : rigs) {
                EventPacket packet = rig.next();
                int n = packet.getDt().size();
                byte[] bytes = codec.encode(packet);
                Sends sends = reader.sends.get(rig.source());
                long now = LiquidStreamService.wallMicros();
                if (n > 0) {
                    long t0 = packet.getT0Micros();
                    sends.byLastEvent.put(t0 + packet.getDt().get(n - 1), now);
                    spikes += n;
                }
                // A packet closes every hop ending at or before its watermark or, without one, its first spike.
                if (packet.getWatermarkMicros() != null) {
                    sends.byClosing.put(packet.getWatermarkMicros(), now);
                } else if (n > 0) {
                    sends.byClosing.put(packet.getT0Micros() + packet.getDt().get(0), now);
                }
                producer.send(new ProducerRecord<>(topic, rig.source(), bytes), (metadata, error) -> {
                    if (error != null) {
                        sendFailure.compareAndSet(null, error);
                    }
                });
                packets++;
                if (b % 1024 == 0) {
                    sends.forgetBefore(packet.getT0Micros() - KEEP_MICROS);
                }
            }
            if (System.nanoTime() >= nextGauge) {
                nextGauge += TimeUnit.MILLISECONDS.toNanos(200);
                if (gauges != null) {
                    gauges.sample();
                }
                requireRunning(service, sendFailure);
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        producer.flush();
        requireRunning(service, sendFailure);
        // Every hop but those before the liquid's warm-up ends or sent while the bench warmed up, and without
        // watermarks each source's last (no later spike closes it).
        long expected = run.sources() * ((warmBins + bins) * run.binMicros() / run.hopMicros() - (run.watermarks() ? 0 : 1)
                - Math.max(warmBins * run.binMicros() / run.hopMicros(), WARMUP_MICROS / run.hopMicros() - 1));
        long drainUntil = System.nanoTime() + DRAIN.toNanos();
        while (reader.decoded.get() < expected && System.nanoTime() < drainUntil) {
            Thread.sleep(20);
        }
        ProcessGauges.Usage usage = gauges.stop();
        requireRunning(service, sendFailure);
        Result r;
        synchronized (reader) {
            r = new Result(run, PipelineBenchmark.Latency.of(reader.all), PipelineBenchmark.Latency.of(reader.first),
                    PipelineBenchmark.Latency.of(reader.later), PipelineBenchmark.Latency.of(reader.fromClose),
                    PipelineBenchmark.Latency.of(reader.ingress), PipelineBenchmark.Latency.of(reader.service),
                    PipelineBenchmark.Latency.of(reader.egress),
                    packets, spikes, reader.decoded.get(), reader.unmatched.get(), sendSeconds, usage,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        progress.accept(String.format("decoded: %,d read-outs, latency p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms; "
                + "%.2f cores busy; load average %.2f", r.decoded(), r.latency().p50(), r.latency().p99(),
                r.latency().p999(), usage.cpuCores(), r.loadAverage()));
        return r;
    }

    /**
     * When (wall clock, us) each packet was handed to the producer, by its last spike and by the time up to
     * which it closes hops: its watermark, or without one its first spike (rig clock). Packets leave in time
     * order, so the first packet closing a hop is the ceiling entry of the hop's end.
     */
    private static final class Sends {
        final NavigableMap<Long, Long> byLastEvent = new ConcurrentSkipListMap<>();
        final NavigableMap<Long, Long> byClosing = new ConcurrentSkipListMap<>();

        void forgetBefore(long micros) {
            byLastEvent.headMap(micros).clear();
            byClosing.headMap(micros).clear();
        }
    }

    /** Reads the Decoded records and times each against the packets of its hop. */
    private static final class Reader implements Runnable, AutoCloseable {
        final Map<String, Sends> sends = new java.util.concurrent.ConcurrentHashMap<>();
        final Histogram all = histogram();
        final Histogram first = histogram();
        final Histogram later = histogram();
        final Histogram fromClose = histogram();
        final Histogram ingress = histogram();
        final Histogram service = histogram();
        final Histogram egress = histogram();
        final AtomicLong decoded = new AtomicLong();
        final AtomicLong unmatched = new AtomicLong();
        private final KafkaConsumer<String, byte[]> consumer;
        private final AvroSingleObjectCodec<Decoded> codec = AvroSingleObjectCodec.of(Decoded.class);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile long startMicros = Long.MAX_VALUE;

        Reader(Map<String, Object> client, String topic, int partitions) {
            Map<String, Object> props = new HashMap<>(client);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            // A closed loop's client: a fetch the broker has parked was seen answered late when data arrived
            // (egress p50 ~200 ms at the default 500 ms wait), so it is bounded as the service's is.
            props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, READER_FETCH_WAIT_MS);
            this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> all = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> all.add(new TopicPartition(topic, p.partition())));
            consumer.assign(all);
        }

        void start(long wallMicros) {
            startMicros = wallMicros;
        }

        @Override
        public void run() {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    time(codec.decode(record.value()), LiquidStreamService.wallMicros());
                }
            }
        }

        private void time(Decoded d, long now) {
            Sends s = sends.get(d.getSource());
            Map.Entry<Long, Long> last = s == null ? null : s.byLastEvent.lowerEntry(d.getWindowEndMicros());
            if (last == null || last.getKey() < d.getHopStartMicros()) {
                unmatched.incrementAndGet();
                return;
            }
            if (last.getValue() < startMicros) {
                return; // sent while the bench warmed up
            }
            Map.Entry<Long, Long> closing = s.byClosing.ceilingEntry(d.getWindowEndMicros());
            long micros = now - last.getValue();
            synchronized (this) {
                record(all, micros);
                record(now - startMicros < FIRST_SECONDS.toNanos() / 1000 ? first : later, micros);
                if (closing != null) {
                    record(fromClose, now - closing.getValue());
                    record(ingress, d.getWindowCloseMicros() - closing.getValue());
                }
                record(service, d.getEmitMicros() - d.getWindowCloseMicros());
                record(egress, now - d.getEmitMicros());
            }
            decoded.incrementAndGet();
        }

        void stop() {
            running.set(false);
        }

        @Override
        public void close() {
            running.set(false);
            consumer.close(Duration.ofSeconds(5));
        }

        private static void record(Histogram h, long micros) {
            h.recordValue(Math.min(Math.max(0, micros), h.getHighestTrackableValue()));
        }

        private static Histogram histogram() {
            return new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        }
    }

    /** Until the service's consumer group is stable with a member holding partitions: the rigs start then. */
    private void awaitMember(Map<String, Object> client, String group, LiquidStreamService service)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(client)) {
            while (System.nanoTime() < deadline) {
                requireRunning(service, new AtomicReference<>());
                try {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                            .get(10, TimeUnit.SECONDS).get(group);
                    if (d.state() == ConsumerGroupState.STABLE && d.members().stream().map(MemberDescription::assignment)
                            .anyMatch(a -> !a.topicPartitions().isEmpty())) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not there yet
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("expected the service to join its consumer group " + group + " within 60 s");
    }

    private static Map<String, Object> serviceProps(Settings run, Map<String, Object> client, String prefix,
                                                    int hopBins, int windowBins) {
        Map<String, Object> props = new LinkedHashMap<>(client);
        props.put(ServiceConfig.MODEL_PATH, "bench");
        props.put(ServiceConfig.GROUP_ID, prefix + "service");
        props.put(ServiceConfig.EVENTS_TOPIC_PREFIX, prefix + "events.");
        props.put(ServiceConfig.EMBEDDINGS_TOPIC_PREFIX, prefix + "embeddings.");
        props.put(ServiceConfig.DECODED_TOPIC_PREFIX, prefix + "decoded.");
        props.put(ServiceConfig.ASSOCIATIONS_TOPIC, prefix + "associations");
        props.put(ServiceConfig.ANCHORS_TOPIC, prefix + "anchors");
        props.put(ServiceConfig.DLQ_TOPIC, prefix + "dlq");
        props.put(ServiceConfig.SENSORS_TOPIC, "");
        props.put(ServiceConfig.TOPICS_PARTITIONS, Math.min(run.sources(), 4));
        props.put(ServiceConfig.METRICS_PORT, 0);
        props.put(ServiceConfig.SLIDING_MODALITIES, "neural");
        props.put(ServiceConfig.SLIDING_LIQUID, "carried");
        props.put(ServiceConfig.SLIDING_BIN_US, run.binMicros());
        props.put(ServiceConfig.SLIDING_HOP_BINS, hopBins);
        props.put(ServiceConfig.SLIDING_WINDOW_BINS, windowBins);
        props.put(ServiceConfig.SLIDING_WARMUP_BINS, Math.toIntExact(WARMUP_MICROS / run.binMicros()));
        props.putAll(CLOSED_LOOP);
        props.putAll(run.service());
        return props;
    }

    /** The rigs' producer: each packet leaves at once (a rig does not wait to fill a batch). */
    private static Map<String, Object> producerProps(Map<String, Object> client) {
        Map<String, Object> props = new LinkedHashMap<>(client);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        // One request in flight per connection, as bench pipeline's: pipelined retries can wedge on fresh partitions.
        props.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return props;
    }

    private static void requireRunning(LiquidStreamService service, AtomicReference<Exception> sendFailure) {
        if (service.failure() != null) {
            throw new IllegalStateException("the service stopped during the benchmark: " + service.failure(),
                    service.failure());
        }
        if (sendFailure.get() != null) {
            throw new IllegalStateException("the rigs' producer could not send: " + sendFailure.get(), sendFailure.get());
        }
    }

    private void deleteTopics(Settings run, Map<String, Object> client, String prefix) {
        if (run.bootstrapServers() != null) {
            RunTopics.delete(client, prefix, progress);
        }
    }
}

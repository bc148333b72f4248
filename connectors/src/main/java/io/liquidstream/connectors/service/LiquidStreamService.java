package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.ClientMetrics;
import io.liquidstream.connectors.kafka.KafkaReceiver;
import io.liquidstream.connectors.kafka.KafkaSender;
import io.liquidstream.connectors.kafka.ReceiverOptions;
import io.liquidstream.connectors.kafka.ReceiverRecord;
import io.liquidstream.connectors.kafka.SenderOptions;
import io.liquidstream.connectors.registry.WireFormat;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.OpenSetCalibration;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.stream.AnchorRegistry;
import io.liquidstream.core.stream.ModalityRuntime;
import io.liquidstream.core.stream.PacketReader;
import io.liquidstream.core.stream.PipelineMetrics;
import io.liquidstream.core.stream.SensorAnnouncements;
import io.liquidstream.core.stream.StreamPipeline;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.EventPacket;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.Disposable;

/**
 * The streaming service: {@code lsm.events.<modality>} in, embeddings, associations and dead letters
 * out, class anchors from {@code lsm.anchors} applied at run time ({@link AnchorFeed}), sources' sensor
 * announcements from {@code lsm.sensors} checked against the bundle's input specs ({@link SensorFeed}); continuous
 * read-outs ({@code lsm.decoded.<modality>}) for sliding modalities whose model has a decoder.
 *
 * <p>The bundle's models come from {@link ServingModels}, the Kafka clients' settings from {@link ServiceConfig}
 * ({@code consumer.}/{@code producer.} keys for one kind of client), and the output path from {@link Delivery}:
 * <b>at-least-once</b> (default, {@link AtLeastOnceDelivery}): an input is acknowledged to the receiver only when
 * every record it contributed to has been acknowledged by the broker, or at once if it produced nothing; the
 * receiver commits only contiguous acknowledged offsets. <b>Exactly-once</b> ({@link TransactionalOutput}):
 * outcomes are grouped into transactions that carry their outputs and the offsets up to the lowest input still
 * waiting in an open window, safely across rebalances; a failed transaction stops the service, whose restart
 * resumes from the committed offsets.
 *
 * <p>Backpressure runs end to end: the sender keeps a bounded number of records in flight, the
 * stages hold bounded queues, and the receiver pauses its partitions while nothing is requested.
 */
public final class LiquidStreamService implements AutoCloseable {

    private final ServiceConfig config;
    private final StreamPipeline<ReceiverRecord<String, byte[]>> pipeline;
    private final KafkaReceiver<String, byte[]> receiver;
    private final AnchorRegistry anchors;
    private final PipelineMetrics metrics;
    private final Delivery delivery;
    private final Disposable main;
    private final AnchorFeed anchorFeed;
    private final SensorFeed sensorFeed; // null when no sensors topic is configured
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final LongSupplier clock = LiquidStreamService::wallMicros;

    private LiquidStreamService(ServiceConfig config, ModelBundle bundle, MeterRegistry registry) {
        this.config = config;
        ServingModels serving = ServingModels.of(config, bundle);
        Map<String, ModalityRuntime> models = serving.models();
        this.metrics = new PipelineMetrics(registry);
        this.anchors = serving.anchors();
        // A source whose partition went to another instance starts afresh there and here alike.
        this.pipeline = new StreamPipeline<>(models, bundle.version(), serving.index(), openSet(bundle),
                config.pipelineSettings(), metrics, clock, r -> r.receiverOffset().isRevoked());
        // At least once, a hop's Decoded record leaves as soon as it is stepped; exactly once it waits for its
        // window's transaction anyway, so it travels with the association there.
        boolean readOutsAhead = !config.exactlyOnce();
        if (readOutsAhead) {
            pipeline.readOutsAhead();
        }

        String sensorsTopic = config.getString(ServiceConfig.SENSORS_TOPIC);
        List<String> inputs = models.keySet().stream().map(m -> config.getString(ServiceConfig.EVENTS_TOPIC_PREFIX) + m).toList();
        if (config.getBoolean(ServiceConfig.TOPICS_CREATE)) {
            createTopics(config, serving, inputs);
        }
        Map<String, SensorGeometry> sensors = serving.sensors();
        SensorAnnouncements announced = new SensorAnnouncements();
        this.sensorFeed = sensorsTopic.isEmpty() ? null
                : new SensorFeed(sensorsTopic, announced, sensors, registry, System.err);
        if (sensorFeed != null) {
            sensorFeed.catchUp(config.consumerProperties(), Duration.ofSeconds(10));
        }
        WireFormat format = config.wireFormat();
        PacketDecoder decoder = new PacketDecoder(format.reader(EventPacket.class),
                new PacketReader(sensors, config.getInt(ServiceConfig.PACKET_MAX_EVENTS), announced), clock);
        OutputRecords outputs = new OutputRecords(format, models.keySet(),
                config.getString(ServiceConfig.EMBEDDINGS_TOPIC_PREFIX), config.getString(ServiceConfig.ASSOCIATIONS_TOPIC),
                config.getString(ServiceConfig.DECODED_TOPIC_PREFIX),
                config.getString(ServiceConfig.DLQ_TOPIC), metrics, clock, readOutsAhead);

        Duration warmUp = Duration.ofMillis(config.getLong(ServiceConfig.WARMUP_MS));
        if (!warmUp.isZero()) {
            WarmUp.Summary w = new WarmUp(models, bundle.version(), config.pipelineSettings(), readOutsAhead,
                    format.reader(EventPacket.class), config.getInt(ServiceConfig.PACKET_MAX_EVENTS), clock).run(warmUp);
            System.err.printf("liquidstream: warmed up in %d ms on %d synthetic packets, %d windows (%s=%d)%n",
                    w.took().toMillis(), w.packets(), w.windows(), ServiceConfig.WARMUP_MS, warmUp.toMillis());
        }
        ClientMetrics clientMetrics = new ClientMetrics(registry,
                Duration.ofMillis(config.getLong(ServiceConfig.METRICS_CLIENT_REFRESH_MS)), List.of());
        this.delivery = Delivery.of(config, SenderOptions.create(config.producerProperties(), new StringSerializer(),
                new ByteArraySerializer()).withMaxInFlight(config.getInt(ServiceConfig.MAX_IN_FLIGHT))
                .withClientMetrics(clientMetrics), outputs, metrics);
        Map<String, Object> consumer = config.consumerProperties();
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, config.getString(ServiceConfig.GROUP_ID));
        consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.receiver = KafkaReceiver.create(delivery.receiver(ReceiverOptions.create(delivery.consumer(consumer),
                        new StringDeserializer(), new ByteArrayDeserializer())
                .withTopics(inputs).withPrefetch(config.getInt(ServiceConfig.PREFETCH))
                .withClientMetrics(clientMetrics)));
        registry.gauge("liquidstream.partitions.paused", receiver, r -> r.pausedPartitions().size());
        registry.gauge("liquidstream.receiver.buffered", receiver, KafkaReceiver::bufferedRecords);
        this.main = delivery.run(receiver, records -> pipeline.apply(records.map(decoder::decode)), this::fail);

        KafkaReceiver<String, byte[]> anchorReceiver = KafkaReceiver.create(ReceiverOptions.create(
                feedConsumer("-anchors-"), new StringDeserializer(), new ByteArrayDeserializer())
                .withTopics(List.of(config.getString(ServiceConfig.ANCHORS_TOPIC))));
        this.anchorFeed = new AnchorFeed(anchorReceiver, format.reader(ClassAnchor.class), anchors,
                KafkaSender.create(SenderOptions.create(
                config.producerProperties(), new StringSerializer(), new ByteArraySerializer())),
                config.getString(ServiceConfig.DLQ_TOPIC), metrics, this::fail);
        if (sensorFeed != null) {
            Map<String, Object> sensorConsumer = feedConsumer("-sensors-");
            // a missing sensors topic (topics.create=false) stays missing rather than appearing uncompacted
            sensorConsumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
            sensorFeed.follow(KafkaReceiver.create(ReceiverOptions.create(sensorConsumer,
                    new StringDeserializer(), new ByteArrayDeserializer()).withTopics(List.of(sensorsTopic))));
        }
    }

    /** Creates the service's missing topics: inputs, outputs, dead letters, and the compacted feeds. */
    private static void createTopics(ServiceConfig config, ServingModels serving, List<String> inputs) {
        List<String> all = new ArrayList<>(inputs);
        serving.models().keySet().forEach(m -> all.add(config.getString(ServiceConfig.EMBEDDINGS_TOPIC_PREFIX) + m));
        serving.decodedModalities(config).forEach(m -> all.add(config.getString(ServiceConfig.DECODED_TOPIC_PREFIX) + m));
        all.add(config.getString(ServiceConfig.ASSOCIATIONS_TOPIC));
        all.add(config.getString(ServiceConfig.DLQ_TOPIC));
        all.add(config.getString(ServiceConfig.ANCHORS_TOPIC));
        Set<String> compacted = new TreeSet<>(Set.of(config.getString(ServiceConfig.ANCHORS_TOPIC)));
        String sensorsTopic = config.getString(ServiceConfig.SENSORS_TOPIC);
        if (!sensorsTopic.isEmpty()) {
            all.add(sensorsTopic);
            compacted.add(sensorsTopic);
        }
        TopicSetup.ensureTopics(config.clientProperties(), all, compacted, config.getInt(ServiceConfig.TOPICS_PARTITIONS),
                config.getShort(ServiceConfig.TOPICS_REPLICATION));
    }

    /**
     * Settings of a consumer that reads a compacted topic whole from every instance (its own group). Its fetches
     * wait as long as unprefixed settings say: a closed loop's short {@code consumer.fetch.max.wait.ms} is for the
     * input consumer, and would only make these idle feeds poll the broker hundreds of times a second.
     */
    private Map<String, Object> feedConsumer(String kind) {
        Map<String, Object> consumer = config.consumerProperties();
        Object sharedWait = config.clientProperties().get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
        if (sharedWait != null) {
            consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, sharedWait);
        } else {
            consumer.remove(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
        }
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, config.getString(ServiceConfig.GROUP_ID) + kind + UUID.randomUUID());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return consumer;
    }

    /**
     * Starts the service: builds the models, creates missing topics when allowed, and subscribes.
     *
     * @param registry where the stage meters go (a Prometheus registry to expose them)
     */
    public static LiquidStreamService start(ServiceConfig config, ModelBundle bundle, MeterRegistry registry) {
        return new LiquidStreamService(config, bundle, registry);
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    /** Anchors (class exemplars) currently held: bundle anchors plus run-time ones, within the per-class bound. */
    public int anchorCount() {
        return anchors.prototypes().exemplarCount();
    }

    /** Class prototypes queries are matched with: one per (class, modality) with an exemplar. */
    public int prototypeCount() {
        return anchors.prototypes().prototypeCount();
    }

    /**
     * The open-set calibration the service applies for a bundle: the bundle's own, or, when it has none,
     * the classes of its anchors as the trained classes with no margin.
     */
    public static OpenSetCalibration openSet(ModelBundle bundle) {
        return bundle.openSet().orElseGet(() -> {
            Set<Integer> trained = new TreeSet<>();
            bundle.anchors().forEach(a -> trained.add(a.classLabel()));
            return OpenSetCalibration.uncalibrated(trained);
        });
    }

    /**
     * The error that stopped the service, or null while it runs. A failed authentication or a missing
     * permission comes as an {@link IllegalStateException} naming the user, the brokers and Kafka's reason
     * (with the topic or group), caused by the Kafka error.
     */
    public Throwable failure() {
        return failure.get();
    }

    public ServiceConfig config() {
        return config;
    }

    private void fail(Throwable error) {
        Optional<IllegalStateException> denied = AccessFailures.explain(error, config.clientProperties(), "");
        failure.compareAndSet(null, denied.isPresent() ? denied.get() : error);
        System.err.println("liquidstream: service stopped: " + (denied.isPresent() ? denied.get().getMessage() : error));
    }

    /** Wall-clock microseconds since the epoch: the clock the service stamps its outputs with. */
    public static long wallMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    @Override
    public void close() {
        main.dispose();
        anchorFeed.close();
        if (sensorFeed != null) {
            sensorFeed.close();
        }
        pipeline.dispose();
        try {
            delivery.close();
        } catch (Exception e) {
            fail(e);
        }
    }
}

package io.liquidstream.cli;

import io.liquidstream.connectors.anchors.AnchorRecords;
import io.liquidstream.connectors.anchors.AnchorTopic;
import io.liquidstream.connectors.kafka.EmbeddedKafkaBroker;
import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.connectors.service.MetricsServer;
import io.liquidstream.connectors.service.ServiceConfig;
import io.liquidstream.connectors.view.LiveView;
import io.liquidstream.connectors.view.ViewSettings;
import io.liquidstream.connectors.synth.strokes.StrokeDataset;
import io.liquidstream.core.bundle.BundleAnchor;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.evaluation.BundleTraining;
import io.liquidstream.core.evaluation.CrossModalTraining;
import io.liquidstream.core.evaluation.PairedModality;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.projection.ContrastiveTrainer;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.core.stream.PipelineMetrics;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.Modality;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code demo}: the streaming product end to end in one process. An embedded Kafka broker; a model
 * trained on the built-in handwriting data (neural and vision heads, classes 0-7) or loaded from a
 * bundle; the service on the broker; simulated BMI and event-camera sources streaming test trials in
 * real time; zero-shot class anchors published to {@code lsm.anchors} a third of the way in; a live
 * view of throughput, latency and accuracy read back from {@code lsm.associations}; and a summary.
 */
final class StreamingDemo {

    /** What the command line chose. {@code model} is null for the built-in model. */
    record Settings(Duration duration, int groups, double speed, Path model, int trainPerClass, int testPerClass,
            int anchorTrials, int epochs, ReadoutSegments segments, long seed, DeviceKind device, int metricsPort,
            boolean json, boolean openSet, Integer uiPort) {
    }

    static final Set<Integer> ALL_CLASSES = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    private static final Set<Integer> BUILT_IN_TRAIN_CLASSES = Set.of(0, 1, 2, 3, 4, 5, 6, 7);
    private static final long VIEW_MILLIS = 2_000;
    private static final Duration DRAIN = Duration.ofSeconds(15);

    private final Settings s;
    private final PrintWriter out;

    StreamingDemo(Settings settings, PrintWriter out) {
        this.s = settings;
        this.out = out;
    }

    DemoReport run() throws IOException, InterruptedException {
        long modelStart = System.nanoTime();
        ModelBundle bundle = s.model() != null ? ModelBundle.read(s.model()) : builtInModel();
        requireModalities(bundle);
        double modelSeconds = (System.nanoTime() - modelStart) / 1e9;
        // The classes the heads were trained on: the bundle's calibration says, else its anchors do.
        Set<Integer> trained = new TreeSet<>(LiquidStreamService.openSet(bundle).trainedClasses());
        trained.retainAll(ALL_CLASSES);
        Set<Integer> zeroShot = new TreeSet<>(ALL_CLASSES);
        zeroShot.removeAll(trained);

        BuiltInStrokes test;
        try (Progress p = progress("simulating test trials", 10L * s.testPerClass())) {
            test = BuiltInStrokes.generate(s.testPerClass(), StrokeDataset.TEST, 1, p);
        }
        List<SimulatedSources.Trial> streamed = new ArrayList<>();
        Map<Integer, List<Integer>> anchorTrials = new HashMap<>();
        for (int i = 0; i < test.vision().size(); i++) {
            LabeledSample v = test.vision().get(i);
            LabeledSample n = test.neural().get(i);
            List<Integer> held = anchorTrials.computeIfAbsent(v.label(), k -> new ArrayList<>());
            if (zeroShot.contains(v.label()) && held.size() < s.anchorTrials()) {
                held.add(i);
            } else if (v.events().size() > 0 && n.events().size() > 0) {
                streamed.add(new SimulatedSources.Trial(v.id(), v.label(), n.events(), v.events()));
            }
        }
        Collections.shuffle(streamed, new Random(s.seed()));
        List<ClassAnchor> zeroShotAnchors = zeroShotAnchors(test, zeroShot, anchorTrials);

        MeterRegistry registry = s.metricsPort() > 0 ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
                : new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        progressLine("starting the embedded Kafka broker and the service");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             MetricsServer metricsServer = s.metricsPort() > 0
                     ? MetricsServer.start((PrometheusMeterRegistry) registry, "127.0.0.1", s.metricsPort()) : null) {
            ServiceConfig config = new ServiceConfig(serviceProps(broker.bootstrapServers()));
            try (LiveView view = startView(config, bundle)) {
                return stream(broker, config, bundle, registry, streamed, zeroShotAnchors, trained, zeroShot, modelSeconds,
                        view == null ? null : view.url());
            }
        }
    }

    private DemoReport stream(EmbeddedKafkaBroker broker, ServiceConfig config, ModelBundle bundle, MeterRegistry registry,
            List<SimulatedSources.Trial> trials, List<ClassAnchor> zeroShotAnchors, Set<Integer> trained,
            Set<Integer> zeroShot, double modelSeconds, String viewUrl) throws InterruptedException {
        String bootstrap = broker.bootstrapServers();
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "liquidstream-demo-view",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(config.getString(ServiceConfig.ASSOCIATIONS_TOPIC)));
        AssociationTally tally = new AssociationTally(consumer, trained, zeroShot);
        Thread tallyThread = new Thread(tally, "demo-associations");
        try (LiquidStreamService service = LiquidStreamService.start(config, bundle, registry);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 1),
                     new StringSerializer(), new ByteArraySerializer())) {
            tallyThread.start();
            awaitGroups(bootstrap, List.of(config.getString(ServiceConfig.GROUP_ID), "liquidstream-demo-view"));
            int bundleAnchors = service.anchorCount();
            SimulatedSources sources = new SimulatedSources(producer, config.getString(ServiceConfig.EVENTS_TOPIC_PREFIX),
                    trials, s.groups(), s.speed(), tally::sent);
            Thread sourceThread = new Thread(sources, "demo-sources");
            DemoReport.Live view = new DemoReport.Live(trained, zeroShot);
            if (!s.json()) {
                out.printf("streaming %d source groups (neural + camera) for %s at %sx real time; zero-shot anchors for "
                        + "classes %s at %.0f s%n", s.groups(), DemoReport.seconds(s.duration()), DemoReport.number(s.speed()),
                        zeroShot, s.duration().toMillis() / 3000.0);
                out.flush();
            }
            long start = System.nanoTime();
            long end = start + s.duration().toNanos();
            long anchorsDue = start + s.duration().toNanos() / 3;
            double anchorsLiveSeconds = Double.NaN;
            sourceThread.start();
            long nextView = start + VIEW_MILLIS * 1_000_000L;
            while (System.nanoTime() < end) {
                requireRunning(service);
                if (Double.isNaN(anchorsLiveSeconds) && !zeroShotAnchors.isEmpty() && System.nanoTime() >= anchorsDue) {
                    new AnchorTopic(Map.of("bootstrap.servers", bootstrap), config.getString(ServiceConfig.ANCHORS_TOPIC),
                            Duration.ofSeconds(30)).publish(zeroShotAnchors);
                    awaitAnchors(service, bundleAnchors + zeroShotAnchors.size());
                    tally.anchorsLive(LiquidStreamService.wallMicros());
                    anchorsLiveSeconds = (System.nanoTime() - start) / 1e9;
                    view.anchorsLive();
                }
                if (System.nanoTime() >= nextView) {
                    nextView += VIEW_MILLIS * 1_000_000L;
                    if (!s.json()) {
                        out.println(view.line((System.nanoTime() - start) / 1e9, service.metrics(), tally.snapshot()));
                        out.flush();
                    }
                }
                Thread.sleep(Math.max(1, Math.min(50, (end - System.nanoTime()) / 1_000_000)));
            }
            sources.stop();
            sourceThread.join();
            double streamedSeconds = (System.nanoTime() - start) / 1e9;
            producer.flush();
            long drainEnd = System.nanoTime() + DRAIN.toNanos();
            while (tally.awaiting() > 0 && System.nanoTime() < drainEnd && service.failure() == null) {
                Thread.sleep(20);
            }
            requireRunning(service);
            PipelineMetrics m = service.metrics();
            return new DemoReport(s, bundle.version(), modelSeconds, streamedSeconds, sources.eventsSent(),
                    sources.samplesSent(), m.total("liquidstream.events.in"), m.total("liquidstream.windows"),
                    m.total("liquidstream.dlq"), trained, zeroShot, anchorsLiveSeconds, tally.awaiting(), tally.snapshot(),
                    viewUrl);
        } finally {
            tally.stop();
            tallyThread.join(5_000);
        }
    }

    /**
     * The live view on the demo's broker, registering classes allowed (it is the user's own machine and
     * broker); on the default port when free, else on any free one. Null with {@code --no-view}.
     */
    private LiveView startView(ServiceConfig config, ModelBundle bundle) {
        if (s.uiPort() == null) {
            return null;
        }
        LiveView view;
        try {
            view = LiveView.start(ViewSettings.of(config, ViewSettings.DEFAULT_HOST, s.uiPort(), true), bundle);
        } catch (IllegalStateException e) {
            if (s.uiPort() != ViewSettings.DEFAULT_PORT) {
                throw e;
            }
            view = LiveView.start(ViewSettings.of(config, ViewSettings.DEFAULT_HOST, 0, true), bundle);
        }
        // With --json the summary carries the URL (viewUrl): its one line is all that is printed.
        progressLine("live view: " + view.url() + " (open it in a browser; registering classes from the page is on)");
        return view;
    }

    private ModelBundle builtInModel() {
        BuiltInStrokes train;
        try (Progress p = progress("simulating training trials", 10L * s.trainPerClass())) {
            train = BuiltInStrokes.generate(s.trainPerClass(), StrokeDataset.TRAIN, 1, p);
        }
        List<LabeledSample> neural = train.neural().stream().filter(x -> BUILT_IN_TRAIN_CLASSES.contains(x.label())).toList();
        List<LabeledSample> vision = train.vision().stream().filter(x -> BUILT_IN_TRAIN_CLASSES.contains(x.label())).toList();
        PairedData data = PairedData.neuralVision(Path.of("built-in-strokes"), neural, List.of(), vision, List.of());
        ContrastiveTrainer.Config config = new ContrastiveTrainer.Config(s.epochs(), 128, 1e-3, 0.01, 0.1, true,
                ContrastiveTrainer.LossKind.SUPCON, s.seed());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("pair", "built-in strokes: neural (192 electrodes) + vision (emulated event camera)");
        meta.put("created", Instant.now().toString());
        List<PairedModality> sides = data.encodings(s.segments());
        return new BundleTraining(s.seed(), s.device().weights(), 20, Runtime.getRuntime().availableProcessors(),
                s.openSet()).train(sides.get(0), sides.get(1), new TreeSet<>(BUILT_IN_TRAIN_CLASSES),
                        CrossModalTraining.HeadShape.of(64), config, meta, this::progress)
                .bundle();
    }

    /**
     * The anchors a user would register for the new classes: each held-out trial of a zero-shot class, in
     * both modalities, as raw events for the service to embed (as {@code liquidstream anchors add} does).
     * The service averages them into one prototype per class and modality and matches every query against
     * the prototypes of both modalities: a query's own modality gives few-shot recognition, the other
     * modality cross-modal zero-shot.
     */
    private static List<ClassAnchor> zeroShotAnchors(BuiltInStrokes test, Set<Integer> zeroShot,
            Map<Integer, List<Integer>> held) {
        long now = LiquidStreamService.wallMicros();
        List<ClassAnchor> anchors = new ArrayList<>();
        for (Modality m : List.of(Modality.NEURAL, Modality.VISION)) {
            List<LabeledSample> samples = m == Modality.NEURAL ? test.neural() : test.vision();
            for (int c : zeroShot) {
                List<EventPacket> exemplars = new ArrayList<>();
                for (int i : held.getOrDefault(c, List.of())) {
                    LabeledSample trial = samples.get(i);
                    if (!trial.events().isEmpty()) {
                        exemplars.add(AnchorRecords.packet("demo-anchors/" + Modalities.name(m), m, trial.events(),
                                trial.id(), c));
                    }
                }
                anchors.addAll(AnchorRecords.ofExemplars(c, "digit " + c, exemplars, now,
                        "demo: held-out " + Modalities.name(m) + " trial"));
            }
        }
        return anchors;
    }

    /** Until the consumer groups have their partitions, so the first samples' latency is not the group join's. */
    private static void awaitGroups(String bootstrap, List<String> groups) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get();
                boolean ready = described.values().stream().allMatch(g -> g.groupState() == GroupState.STABLE
                        && g.members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty()));
                if (ready) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("expected consumer groups " + groups + " to be stable within 60 s on "
                            + bootstrap + ", found " + described.values().stream().map(g -> g.groupId() + "="
                            + g.groupState()).toList());
                }
                Thread.sleep(50);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe consumer groups " + groups + " on " + bootstrap, e.getCause());
        }
    }

    private static void awaitAnchors(LiquidStreamService service, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (service.anchorCount() < expected) {
            requireRunning(service);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("expected " + expected + " anchors in the service within 30 s of publishing,"
                        + " found " + service.anchorCount());
            }
            Thread.sleep(5);
        }
    }

    private Map<String, Object> serviceProps(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ServiceConfig.BOOTSTRAP_SERVERS, bootstrap);
        props.put(ServiceConfig.MODEL_PATH, s.model() != null ? s.model().toString() : "built-in");
        props.put(ServiceConfig.GROUP_ID, "liquidstream-demo");
        props.put(ServiceConfig.METRICS_PORT, 0);
        // Every anchor in each association's matches, so zero-shot can also be scored among the new classes.
        props.put(ServiceConfig.TOP_K, ALL_CLASSES.size());
        return props;
    }

    private static void requireModalities(ModelBundle bundle) {
        for (String m : List.of("neural", "vision")) {
            if (bundle.modalities().stream().noneMatch(x -> x.name().equals(m))) {
                throw new IllegalArgumentException("the demo streams neural and vision data; expected a bundle with both, "
                        + "found " + bundle.modalities().stream().map(x -> x.name()).toList());
            }
        }
        for (BundleAnchor a : bundle.anchors()) {
            if (!ALL_CLASSES.contains(a.classLabel())) {
                throw new IllegalArgumentException("the built-in data has digit classes 0-9; the bundle has an anchor of class "
                        + a.classLabel() + " (" + a.anchorId() + ")");
            }
        }
    }

    private static void requireRunning(LiquidStreamService service) {
        if (service.failure() != null) {
            throw new IllegalStateException("the service stopped: " + service.failure(), service.failure());
        }
    }

    private Progress progress(String label, Long total) {
        return s.json() ? Progress.quiet() : new Progress(label, total);
    }

    private void progressLine(String text) {
        if (!s.json()) {
            out.println(text);
            out.flush();
        }
    }
}

package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.connectors.replay.KafkaReplay;
import io.liquidstream.connectors.replay.PacketSource;
import io.liquidstream.connectors.replay.ReplayInputs;
import io.liquidstream.connectors.replay.ReplayResult;
import io.liquidstream.connectors.replay.ReplaySpeed;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The service fed by {@code replay}: delivery guarantees and the metrics endpoint, on the embedded broker. */
class ServiceOperationsTest {

    private static final int SAMPLES = 12;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    private static ServiceConfig config(String prefix, boolean exactlyOnce) {
        Map<String, Object> props = new HashMap<>();
        props.put(ServiceConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(ServiceConfig.MODEL_PATH, "in-memory");
        props.put(ServiceConfig.GROUP_ID, prefix + "group");
        props.put(ServiceConfig.EVENTS_TOPIC_PREFIX, prefix + "events.");
        props.put(ServiceConfig.EMBEDDINGS_TOPIC_PREFIX, prefix + "embeddings.");
        props.put(ServiceConfig.ASSOCIATIONS_TOPIC, prefix + "associations");
        props.put(ServiceConfig.ANCHORS_TOPIC, prefix + "anchors");
        props.put(ServiceConfig.DLQ_TOPIC, prefix + "dlq");
        props.put(ServiceConfig.RAILS, 2);
        if (exactlyOnce) {
            props.put(ServiceConfig.DELIVERY, ServiceConfig.EXACTLY_ONCE);
        }
        return new ServiceConfig(props);
    }

    /** Writes {@link #SAMPLES} N-MNIST samples and replays them, unpaced, to the service's vision topic. */
    private ReplayResult replaySamples(String prefix) throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        for (int k = 0; k < SAMPLES; k++) {
            Events.Builder b = Events.builder(SensorGeometry.pixels(34, 34));
            long t = 0;
            for (int i = 0; i < 400; i++) {
                t += r.nextInt(200);
                b.add(t, r.nextInt(34), r.nextInt(34), r.nextInt(2));
            }
            NmnistFolder.write(dir, "Train", new LabeledSample(String.format("%05d", k), k % 10, b.build()));
        }
        try (PacketSource source = ReplayInputs.open(dir, "trial0/vision", Modality.VISION, 100, 1_000_000)) {
            return KafkaReplay.run(source, new KafkaReplay.Target(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                    prefix + "events.vision", ReplaySpeed.MAX, true, 1, Duration.ofSeconds(10), 64), p -> { });
        }
    }

    /** The sample ids of the associations, read committed, until {@code expected} arrived plus one more poll. */
    private static List<String> associations(String topic, int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroSingleObjectCodec<Association> codec = AvroSingleObjectCodec.of(Association.class);
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ids.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
                    ids.add(codec.decode(rec.value()).getSampleId().toString());
                }
            }
            // one more poll, so a duplicate would show up
            for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(1000))) {
                ids.add(codec.decode(rec.value()).getSampleId().toString());
            }
        }
        return ids;
    }

    private static List<String> expectedIds() {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < SAMPLES; k++) {
            ids.add(String.format("Train/%d/%05d.bin", k % 10, k));
        }
        return ids;
    }

    @Test
    void givenExactlyOnceDelivery_everyReplayedSampleYieldsExactlyOneCommittedAssociation() throws IOException {
        String prefix = "eos-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        try (LiquidStreamService service = LiquidStreamService.start(config(prefix, true),
                ServiceEndToEndTest.bundle(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
            ReplayResult sent = replaySamples(prefix);
            assertThat(sent.samples()).isEqualTo(SAMPLES);

            List<String> ids = associations(prefix + "associations", SAMPLES);

            assertThat(ids).containsExactlyInAnyOrderElementsOf(expectedIds());
            assertThat(service.failure()).isNull();
        }
    }

    @Test
    void givenTraffic_theMetricsEndpointServesPrometheusTextWithTheServiceCounters() throws Exception {
        String prefix = "metrics-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MetricsServer metrics = MetricsServer.start(registry, "127.0.0.1", 0);
             LiquidStreamService service = LiquidStreamService.start(config(prefix, false),
                     ServiceEndToEndTest.bundle(), registry)) {
            ReplayResult sent = replaySamples(prefix);
            assertThat(associations(prefix + "associations", SAMPLES)).hasSize(SAMPLES);

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metrics.port() + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            assertThat(response.body()).contains("# TYPE liquidstream_packets_in_total counter");
            assertThat(counter(response.body(), "liquidstream_packets_in_total")).isEqualTo(sent.packets());
        }
    }

    /** The value of an untagged sample line {@code name value} in Prometheus text. */
    private static double counter(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

}

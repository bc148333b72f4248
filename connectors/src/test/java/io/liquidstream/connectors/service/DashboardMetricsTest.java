package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.schemas.Modality;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every metric the Grafana dashboard queries is in a real scrape of a service that has seen traffic. */
class DashboardMetricsTest {

    private static final int SAMPLES = 20;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @Test
    void givenTrafficWithABadRecord_everyMetricTheDashboardQueriesIsInTheScrape() throws Exception {
        Set<String> queried = new TreeSet<>();
        for (Map.Entry<String, String> e : DeployFiles.dashboardExpressions()) {
            queried.addAll(PromqlNames.of(e.getValue()));
        }
        ServiceFixture fixture = new ServiceFixture(kafka.broker(), "dashboard");
        fixture.createTopics();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServiceConfig config = fixture.config(Map.of(ServiceConfig.METRICS_CLIENT_REFRESH_MS, 100L));
        try (MetricsServer server = MetricsServer.start(registry, "127.0.0.1", 0);
             LiquidStreamService service = LiquidStreamService.start(config, ServiceEndToEndTest.bundle(), registry);
             KafkaProducer<String, byte[]> producer = fixture.producer()) {
            SplittableRandom r = new SplittableRandom(5);
            for (int k = 0; k < SAMPLES; k++) {
                Modality modality = k % 2 == 0 ? Modality.VISION : Modality.NEURAL;
                String source = "trial" + (k / 2) + "/" + modality.name().toLowerCase();
                String topic = fixture.prefix + "events." + modality.name().toLowerCase();
                producer.send(new ProducerRecord<>(topic, source, ServiceFixture.encode(
                        ServiceFixture.samplePacket(modality, source, 0, "s" + k, k % 10, r))));
            }
            producer.send(new ProducerRecord<>(fixture.prefix + "events.vision", "broken/vision",
                    "not an event packet".getBytes(StandardCharsets.UTF_8)));
            producer.flush();

            AtomicReference<Set<String>> missing = new AtomicReference<>(queried);
            boolean complete = ServiceFixture.await(() -> {
                Set<String> left = new TreeSet<>(queried);
                left.removeAll(seriesNames(scrape(server.port())));
                missing.set(left);
                return left.isEmpty() && service.metrics().total("liquidstream.associations") == SAMPLES;
            });

            assertThat(queried).contains("liquidstream_events_in_total", "liquidstream_latency_seconds_bucket",
                    "liquidstream_dlq_total", "liquidstream_partitions_paused",
                    "kafka_consumer_fetch_manager_records_lag");
            assertThat(missing.get()).as("metrics the dashboard queries but the service does not export").isEmpty();
            assertThat(complete).as("all %d samples associated", SAMPLES).isTrue();
            assertThat(scrape(server.port())).containsPattern("liquidstream_dlq_total\\{[^}]*reason=\"UNDECODABLE\"[^}]*} 1\\.0");
        }
    }

    /** The name of every sample line in Prometheus text (comments skipped). */
    private static Set<String> seriesNames(String text) {
        Set<String> names = new TreeSet<>();
        text.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    private static String scrape(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("cannot scrape 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }
}

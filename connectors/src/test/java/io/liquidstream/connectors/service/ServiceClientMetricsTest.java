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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Kafka clients' own metrics, consumer lag first, in the service's Prometheus scrape. */
class ServiceClientMetricsTest {

    private static final int BACKLOG = 600;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @Test
    void givenABacklogWrittenWhileStopped_theScrapeShowsConsumerLagThatReturnsToZeroOnceDrained() throws Exception {
        ServiceFixture fixture = new ServiceFixture(kafka.broker(), "lag");
        fixture.createTopics();
        SplittableRandom r = new SplittableRandom(3);
        try (KafkaProducer<String, byte[]> producer = fixture.producer()) {
            for (int k = 0; k < BACKLOG; k++) {
                String source = "trial" + (k % 5) + "/vision";
                producer.send(new ProducerRecord<>(fixture.prefix + "events.vision", source, ServiceFixture.encode(
                        ServiceFixture.samplePacket(Modality.VISION, source, k / 5, "v" + k, k % 10, r))));
            }
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServiceConfig config = fixture.config(Map.of(ServiceConfig.PREFETCH, 4,
                ServiceConfig.METRICS_CLIENT_REFRESH_MS, 100L));
        try (MetricsServer server = MetricsServer.start(registry, "127.0.0.1", 0);
             LiquidStreamService service = LiquidStreamService.start(config, ServiceEndToEndTest.bundle(), registry)) {
            double[] maxLagSeen = {0};
            boolean drained = ServiceFixture.await(() -> {
                String text = scrape(server.port());
                maxLagSeen[0] = Math.max(maxLagSeen[0], max(text, "kafka_consumer_fetch_manager_records_lag_max"));
                return service.metrics().total("liquidstream.associations") == BACKLOG;
            });
            assertThat(drained).as("all %d samples associated", BACKLOG).isTrue();
            boolean caughtUp = ServiceFixture.await(() -> {
                List<Double> lags = values(scrape(server.port()), "kafka_consumer_fetch_manager_records_lag");
                return !lags.isEmpty() && lags.stream().allMatch(v -> v == 0.0);
            });
            String text = scrape(server.port());

            assertThat(maxLagSeen[0]).as("records-lag-max while the backlog was read").isPositive();
            assertThat(caughtUp).as("per-partition records-lag back to 0, last scrape:%n%s",
                    lines(text, "kafka_consumer_fetch_manager_records_lag")).isTrue();
            assertThat(text).contains("kafka_producer_record_send_total")
                    .contains("liquidstream_partitions_paused").contains("liquidstream_receiver_buffered");
            assertThat(service.failure()).isNull();
        }
    }

    private static String scrape(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("scrape of port " + port + " failed", e);
        }
    }

    /** Values of the sample lines of exactly this metric name (any tags). */
    private static List<Double> values(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).toList();
    }

    private static double max(String text, String name) {
        return values(text, name).stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static String lines(String text, String name) {
        return String.join("\n", text.lines().filter(l -> l.startsWith(name)).toList());
    }
}

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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a platform team's Prometheus expects of a Java service on Kafka, read from a real scrape of a
 * service that has answered traffic in two modalities on topics whose names have periods.
 */
class PlatformMetricsTest {

    private static final int SAMPLES = 12;
    private static final Pattern LABELS = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? ");

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    private static ServiceFixture fixture;
    private static MetricsServer server;
    private static LiquidStreamService service;
    private static String scrape;

    @BeforeAll
    static void serveTraffic() throws Exception {
        fixture = new ServiceFixture(kafka.broker(), "platform");
        fixture.createTopics();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = MetricsServer.start(registry, "127.0.0.1", 0);
        service = LiquidStreamService.start(fixture.config(Map.of(ServiceConfig.METRICS_CLIENT_REFRESH_MS, 100L)),
                ServiceEndToEndTest.bundle(), registry);
        SplittableRandom r = new SplittableRandom(11);
        try (KafkaProducer<String, byte[]> producer = fixture.producer()) {
            for (int k = 0; k < SAMPLES; k++) {
                Modality modality = k % 2 == 0 ? Modality.VISION : Modality.NEURAL;
                String name = modality.name().toLowerCase();
                String source = "trial" + (k / 2) + "/" + name;
                producer.send(new ProducerRecord<>(fixture.prefix + "events." + name, source, ServiceFixture.encode(
                        ServiceFixture.samplePacket(modality, source, 0, "s" + k, k % 10, r))));
            }
        }
        boolean answered = ServiceFixture.await(() -> service.metrics().total("liquidstream.associations") == SAMPLES
                && scrape(server.port()).contains("kafka_consumer_fetch_manager_records_lag{"));
        assertThat(answered).as("all %d samples associated and consumer lag in the scrape", SAMPLES).isTrue();
        scrape = scrape(server.port());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void givenAServingInstance_theScrapeHasTheJvmAndProcessMetricsOfAnyJavaService() {
        assertThat(names(scrape)).contains("jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_gc_live_data_size_bytes",
                "jvm_threads_live_threads", "jvm_classes_loaded_classes", "jvm_info", "process_cpu_usage",
                "process_uptime_seconds", "process_start_time_seconds", "process_files_open_files",
                "system_cpu_count");
        assertThat(scrape).containsPattern("jvm_memory_used_bytes\\{[^}]*area=\"heap\"");
    }

    @Test
    void givenTopicsWithPeriods_eachConsumerLagIsOneSeriesTaggedWithTheRealTopicName() {
        List<String> lags = series(scrape, "kafka_consumer_fetch_manager_records_lag");
        Set<String> topics = new TreeSet<>();
        for (String labels : lags) {
            topics.add(label(labels, "topic"));
        }
        assertThat(topics).as("topics of the records_lag series").containsExactlyInAnyOrder(
                fixture.prefix + "events.vision", fixture.prefix + "events.neural");
        assertThat(lags).as("records_lag series, one per client, topic and partition").doesNotHaveDuplicates();
        assertThat(scrape.lines().filter(l -> l.startsWith("kafka_consumer_")))
                .as("consumer metrics tagged with Kafka's deprecated underscore copy of a topic name")
                .noneMatch(l -> l.contains("topic=\"" + fixture.prefix.replace('.', '_') + "events_"));
    }

    @Test
    void givenAssociationsInTwoModalities_correctAssociationsCarryTheSameLabelsAsAssociations() {
        List<String> all = series(scrape, "liquidstream_associations_total");
        List<String> correct = series(scrape, "liquidstream_associations_correct_total");
        assertThat(all).containsExactlyInAnyOrder("{modality=\"neural\"}", "{modality=\"vision\"}");
        assertThat(correct).containsExactlyInAnyOrderElementsOf(all);
    }

    /** The label sets (as written, sorted by Prometheus) of each sample line of exactly this metric. */
    private static List<String> series(String text, String name) {
        return text.lines().map(LABELS::matcher).filter(m -> m.find() && m.group(1).equals(name))
                .map(m -> m.group(2) == null ? "" : m.group(2)).toList();
    }

    private static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        text.lines().map(LABELS::matcher).filter(Matcher::find).forEach(m -> names.add(m.group(1)));
        return names;
    }

    private static String label(String labels, String key) {
        Matcher m = Pattern.compile("[{,]" + key + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : null;
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

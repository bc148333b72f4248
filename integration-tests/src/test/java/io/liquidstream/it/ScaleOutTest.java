package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.service.ServiceConfig;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment scaled out from one service instance to two and three, each a separate JVM with a
 * single rail, in one consumer group: at every size the instances share the input partitions, each of
 * them answers samples, and every sample is answered. How fast each size answers a burst of samples is
 * reported side by side, not asserted: the instances share the build machine's few cores with the
 * broker, the producer and each other.
 */
class ScaleOutTest {

    private static final int MAX_INSTANCES = 3;
    private static final int PARTITIONS = 6;
    /** Source groups per modality; many keys spread the sources over all partitions of both input topics. */
    private static final int SOURCE_GROUPS = 24;
    /** Samples sent and answered before each burst, so that a newly started JVM is warm when timed. */
    private static final int WARM_UP = 300;
    private static final int BURST = 2400;
    private static final int EVENTS_PER_PACKET = 400;
    private static final int NEURONS = 1024;

    private static final AvroSingleObjectCodec<Association> ASSOCIATIONS = AvroSingleObjectCodec.of(Association.class);

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    /** One burst: its ids, when its first send began and when its last record was flushed (wall clock, ms). */
    private record Burst(List<String> ids, long startMillis, long sentMillis) {
    }

    @Test
    void givenOneGroupScaledFromOneToThreeInstances_theyShareThePartitionsAndAnswerEverySample() {
        ServiceTopics topics = ServiceTopics.fresh("scaleout");
        Path model = TestModel.write(TestModel.bundle(NEURONS), dir);
        List<ServiceProcess> services = new ArrayList<>();
        List<MetricsScrape> metrics = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        double oneInstanceRate = 0;
        try (GroupMembers group = new GroupMembers(kafka.bootstrapServers());
             ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers());
             Traffic traffic = new Traffic(kafka.bootstrapServers(), topics, 11, EVENTS_PER_PACKET, SOURCE_GROUPS)) {
            for (int instances = 1; instances <= MAX_INSTANCES; instances++) {
                Map<String, Object> props = topics.serviceProperties(kafka.bootstrapServers(), false);
                props.put(ServiceConfig.TOPICS_PARTITIONS, PARTITIONS);
                props.put(ServiceConfig.RAILS, 1);
                MetricsScrape scrape = new MetricsScrape(MetricsScrape.freePort());
                props.put(ServiceConfig.METRICS_PORT, scrape.port());
                metrics.add(scrape);
                services.add(ServiceProcess.start(props, model, dir, "instance" + instances).awaitServing());
                int size = instances;
                Await.until(size + " members holding partitions in a stable group", Duration.ofSeconds(60),
                        () -> group.of(topics.group()).stableWith(size));

                sent.addAll(traffic.send(WARM_UP));
                traffic.flush();
                awaitCommitted(lag, topics);
                List<Double> answeredBefore = associations(metrics);
                double cpuBefore = cpuSeconds(services);

                Burst burst = send(traffic);
                sent.addAll(burst.ids());
                awaitCommitted(lag, topics);
                List<Long> answeredPerInstance = delta(associations(metrics), answeredBefore);
                double cpu = cpuSeconds(services) - cpuBefore;
                GroupMembers.Snapshot after = group.of(topics.group());
                long lastAnswer = lastTimestamp(burst.ids(), topics);
                double seconds = (lastAnswer - burst.startMillis()) / 1e3;
                double rate = BURST / seconds;
                oneInstanceRate = instances == 1 ? rate : oneInstanceRate;
                figures.add(String.format(instances == 1 ? "%d: %.0f samples/s" : "%d: %.0f samples/s (%.2fx one)",
                        instances, rate, rate / oneInstanceRate));
                Report.line("scale-out " + instances + " instance" + (instances == 1 ? "" : "s"), String.format(
                        "burst of %d samples (%d packets of %d events, %d sources on %d+%d partitions) sent in %.1f s, "
                                + "answered in %.1f s from its first send = %.0f samples/s, %.2f M events/s; instances "
                                + "used %.1f CPU-s (%.1f of %d cores, load average %s); partitions per member %s; "
                                + "associations per instance %s", BURST, BURST * Traffic.PACKETS_PER_SAMPLE,
                        EVENTS_PER_PACKET, 2 * SOURCE_GROUPS, PARTITIONS, PARTITIONS,
                        (burst.sentMillis() - burst.startMillis()) / 1e3, seconds, rate,
                        rate * Traffic.PACKETS_PER_SAMPLE * EVENTS_PER_PACKET / 1e6, cpu, cpu / seconds,
                        Runtime.getRuntime().availableProcessors(), loadAverage(), after.sizes(), answeredPerInstance));

                for (ServiceProcess s : services) {
                    assertThat(s.isAlive()).as("instance running; console: %s", s.console()).isTrue();
                }
                assertThat(after.assignments()).as("members of the group after the burst").hasSize(instances);
                assertThat(after.sizes()).as("input partitions per member").allMatch(n -> n > 0);
                assertThat(after.partitions()).as("input partitions assigned").isEqualTo(2 * PARTITIONS);
                assertThat(answeredPerInstance).as("associations each instance wrote for the burst")
                        .allMatch(n -> n > 0);
            }
            Delivery d = Delivery.of(sent, ids(Outputs.records(kafka.bootstrapServers(), topics.associations(),
                    sent.size())));
            Report.line("scale-out throughput", String.join("; ", figures) + " (instances with 1 rail each, "
                    + Runtime.getRuntime().availableProcessors() + " cores shared with broker and producer); "
                    + "associations " + d);

            assertThat(d.missing()).as("samples never answered; %s", d).isEmpty();
            assertThat(d.unexpected()).as("answers to samples never sent; %s", d).isEmpty();
        } finally {
            services.forEach(ServiceProcess::close);
        }
    }

    private static Burst send(Traffic traffic) {
        long start = System.currentTimeMillis();
        List<String> ids = traffic.send(BURST);
        traffic.flush();
        return new Burst(ids, start, System.currentTimeMillis());
    }

    /** Every input committed: in at-least-once mode, only once all its outputs were acknowledged. */
    private static void awaitCommitted(ConsumerLag lag, ServiceTopics topics) {
        Await.until("the group to commit every input", Duration.ofSeconds(90),
                () -> lag.of(topics.group(), topics.prefix() + "events.") == 0);
    }

    /** Latest write time (the service producer's clock, this machine's) of an association to one of {@code ids}. */
    private static long lastTimestamp(List<String> ids, ServiceTopics topics) {
        Set<String> wanted = new HashSet<>(ids);
        return Outputs.records(kafka.bootstrapServers(), topics.associations(), 0).stream()
                .filter(r -> wanted.contains(id(r)))
                .mapToLong(ConsumerRecord::timestamp).max()
                .orElseThrow(() -> new AssertionError("no association for any of " + ids.size() + " samples"));
    }

    private static List<Double> associations(List<MetricsScrape> metrics) {
        return metrics.stream().map(m -> m.sum("liquidstream_associations_total")).toList();
    }

    private static List<Long> delta(List<Double> now, List<Double> before) {
        List<Long> d = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            d.add(Math.round(now.get(i) - (i < before.size() ? before.get(i) : 0)));
        }
        return d;
    }

    /** The machine's 1-minute load average, which tells how much else competed for its cores (Linux only). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double cpuSeconds(List<ServiceProcess> services) {
        return services.stream().mapToDouble(ServiceProcess::cpuSeconds).sum();
    }

    private static List<String> ids(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ScaleOutTest::id).toList();
    }

    private static String id(ConsumerRecord<String, byte[]> r) {
        return String.valueOf(ASSOCIATIONS.decode(r.value()).getSampleId());
    }
}

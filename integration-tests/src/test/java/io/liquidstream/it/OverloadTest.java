package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.service.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producers faster than the service for a sustained period: the consumer lag grows while the
 * service's heap and resident memory stay bounded, and afterwards the backlog drains with nothing lost.
 */
class OverloadTest {

    private static final int SAMPLES = 1500;
    private static final int EVENTS_PER_PACKET = 500;
    /** Heap after any collection stays below this; the ceiling is {@value ServiceProcess#MAX_HEAP_MB} MiB. */
    private static final long HEAP_BOUND_MIB = 96;
    /** Resident set size of the whole service JVM (heap, metaspace, ND4J, Kafka buffers, threads). */
    private static final long RSS_BOUND_MIB = 512;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void givenProducersFasterThanTheService_lagGrowsMemoryStaysBoundedAndTheBacklogDrains() {
        ServiceTopics topics = ServiceTopics.fresh("overload");
        Map<String, Object> props = topics.serviceProperties(kafka.bootstrapServers(), false);
        props.put(ServiceConfig.RAILS, 1);
        Path model = TestModel.write(TestModel.bundle(1024), dir);
        try (ServiceProcess service = ServiceProcess.start(props, model, dir, "overload").awaitServing();
             Traffic traffic = new Traffic(kafka.bootstrapServers(), topics, 9, EVENTS_PER_PACKET);
             ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers())) {
            List<String> ids = new ArrayList<>();
            long maxLag = 0;
            long maxRss = 0;
            long start = System.nanoTime();
            for (int k = 0; k < SAMPLES / 50; k++) {
                ids.addAll(traffic.send(50));
                traffic.flush();
                maxLag = Math.max(maxLag, lag.of(topics.group(), topics.prefix() + "events."));
                maxRss = Math.max(maxRss, service.rssKib());
            }
            double produceSeconds = (System.nanoTime() - start) / 1e9;
            long lagAtEnd = lag.of(topics.group(), topics.prefix() + "events.");
            long drainStart = System.nanoTime();
            long[] rss = {maxRss};
            List<Long> trajectory = new ArrayList<>();
            // drained: every input committed; the lag is read every second for at most a minute
            long lagNow = lagAtEnd;
            long drainLimit = drainStart + Duration.ofSeconds(60).toNanos();
            while (lagNow > 0 && service.isAlive() && System.nanoTime() < drainLimit) {
                Await.pause(Duration.ofSeconds(1));
                rss[0] = Math.max(rss[0], service.rssKib());
                lagNow = lag.of(topics.group(), topics.prefix() + "events.");
                trajectory.add(lagNow);
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            Delivery d = Delivery.of(ids, Outputs.associationIds(kafka.bootstrapServers(), topics.associations(), ids));
            long heap = service.maxHeapAfterGcMib();
            Report.line("overload", String.format("%d samples (%d packets of %d events) produced in %.1f s; max lag "
                            + "%d packets, %d at end of production; lag %d after %.1f s of draining (per second %s); associations %s; max heap after "
                            + "GC %d MiB over %d GCs (Xmx %dm); max RSS %d MiB", SAMPLES,
                    SAMPLES * Traffic.PACKETS_PER_SAMPLE, EVENTS_PER_PACKET, produceSeconds, maxLag, lagAtEnd,
                    lagNow, drainSeconds, trajectory, d, heap, service.collections(), ServiceProcess.MAX_HEAP_MB, rss[0] / 1024));

            assertThat(service.isAlive()).as("service running; console: %s", service.console()).isTrue();
            assertThat(Math.max(maxLag, lagAtEnd)).as("lag while producing, in packets")
                    .isGreaterThan(SAMPLES * Traffic.PACKETS_PER_SAMPLE / 5L);
            assertThat(d.missing()).as("samples lost; %s", d).isEmpty();
            assertThat(lagNow).as("uncommitted input packets after draining; lag per second %s", trajectory).isZero();
            assertThat(heap).as("max heap after GC, MiB").isLessThan(HEAP_BOUND_MIB);
            assertThat(rss[0] / 1024).as("max RSS, MiB").isLessThan(RSS_BOUND_MIB);
        }
    }
}

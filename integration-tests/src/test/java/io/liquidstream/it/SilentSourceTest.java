package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.connectors.service.ServiceConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sensor that goes silent in the middle of a sample must not hold back its partition: after the
 * idle timeout its sample is answered with what arrived, and every input, its own and those of the
 * sources behind it on the same partition, gets committed.
 */
class SilentSourceTest {

    private static final int SAMPLES = 60;
    private static final long IDLE_MS = 1_000;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @Test
    void givenASourceSilentMidSample_itsSampleIsAnsweredAfterTheIdleTimeoutAndTheLagDrainsToZero() {
        ServiceTopics topics = ServiceTopics.fresh("silent");
        Map<String, Object> props = topics.serviceProperties(kafka.bootstrapServers(), false);
        props.put("source.idle.timeout.ms", IDLE_MS);
        try (LiquidStreamService service = LiquidStreamService.start(new ServiceConfig(props), TestModel.bundle(),
                new SimpleMeterRegistry());
             Traffic traffic = new Traffic(kafka.bootstrapServers(), topics, 13);
             ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers())) {
            List<String> ids = new ArrayList<>(traffic.send(SAMPLES / 2));
            String unfinished = traffic.sendUnfinished("silent-sensor");
            long silentFrom = System.nanoTime();
            ids.addAll(traffic.send(SAMPLES / 2));
            ids.add(unfinished);
            traffic.flush();

            Delivery associations = Delivery.of(ids, Outputs.associationIds(kafka.bootstrapServers(),
                    topics.associations(), ids));
            double answeredAfter = (System.nanoTime() - silentFrom) / 1e9;
            Await.until("the service's consumer lag to drain to zero", Duration.ofSeconds(30),
                    () -> lag.of(topics.group(), topics.prefix() + "events.") == 0);
            double drainedAfter = (System.nanoTime() - silentFrom) / 1e9;
            Report.line("silent source", "one source silent mid-sample, idle timeout " + IDLE_MS + " ms; associations "
                    + associations + "; its sample answered within " + String.format("%.1f", answeredAfter)
                    + " s, lag 0 after " + String.format("%.1f", drainedAfter) + " s");

            assertThat(service.failure()).isNull();
            EndToEndDeliveryTest.assertExactlyOnce(associations);
        }
    }
}

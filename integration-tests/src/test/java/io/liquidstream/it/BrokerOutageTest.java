package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.service.LiquidStreamService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker stopped for a few seconds while samples flow, then restarted: the service loses nothing. */
class BrokerOutageTest {

    private static final int SAMPLES = 180;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @Test
    void givenAtLeastOnce_brokerStoppedAndRestartedMidStream_everySampleIsAnswered() {
        ServiceTopics topics = ServiceTopics.fresh("outage");
        try (LiquidStreamService service = LiquidStreamService.start(topics.config(kafka.bootstrapServers(), false),
                TestModel.bundle(), new SimpleMeterRegistry());
             Traffic traffic = new Traffic(kafka.bootstrapServers(), topics, 4)) {
            PacedTraffic paced = new PacedTraffic(traffic, SAMPLES, 10, Duration.ofMillis(100));
            Await.until("a third of the samples to be sent", Duration.ofSeconds(60), () -> paced.sent() >= SAMPLES / 3);
            kafka.broker().stop();
            int sentAtStop = paced.sent();
            Await.pause(Duration.ofSeconds(5));
            kafka.broker().restart();
            List<String> ids = paced.join();

            Delivery d = Delivery.of(ids, Outputs.associationIds(kafka.bootstrapServers(), topics.associations(), ids));
            Report.line("broker outage at-least-once", "broker down 5 s after " + sentAtStop + " samples; associations "
                    + d + "; service failure " + service.failure());

            assertThat(service.failure()).as("service still running").isNull();
            assertThat(d.missing()).as("samples lost across the outage; %s", d).isEmpty();
            assertThat(d.unexpected()).isEmpty();
        }
    }
}

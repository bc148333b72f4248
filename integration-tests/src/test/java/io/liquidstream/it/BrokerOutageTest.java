package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.kafka.EmbeddedKafkaBroker;
import io.liquidstream.connectors.service.LiquidStreamService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker stopped for a few seconds while samples flow, then restarted: the service loses nothing. */
class BrokerOutageTest {

    private static final int SAMPLES = 180;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void givenAtLeastOnce_brokerStoppedAndRestartedMidStream_everySampleIsAnswered() {
        ServiceTopics topics = ServiceTopics.fresh("outage");
        try (LiquidStreamService service = LiquidStreamService.start(topics.config(broker.bootstrapServers(), false),
                TestModel.bundle(), new SimpleMeterRegistry());
             Traffic traffic = new Traffic(broker.bootstrapServers(), topics, 4)) {
            PacedTraffic paced = new PacedTraffic(traffic, SAMPLES, 10, Duration.ofMillis(100));
            Await.until("a third of the samples to be sent", Duration.ofSeconds(60), () -> paced.sent() >= SAMPLES / 3);
            broker.stop();
            int sentAtStop = paced.sent();
            Await.pause(Duration.ofSeconds(5));
            broker.restart();
            List<String> ids = paced.join();

            Delivery d = Delivery.of(ids, Outputs.associationIds(broker.bootstrapServers(), topics.associations(), ids));
            Report.line("broker outage at-least-once", "broker down 5 s after " + sentAtStop + " samples; associations "
                    + d + "; service failure " + service.failure());

            assertThat(service.failure()).as("service still running").isNull();
            assertThat(d.missing()).as("samples lost across the outage; %s", d).isEmpty();
            assertThat(d.unexpected()).isEmpty();
        }
    }
}

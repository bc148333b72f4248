package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.connectors.service.ServiceConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A second instance joins the consumer group under load and later leaves it, so partitions move
 * away from the first instance and back: every sample is still answered (at-least-once).
 */
class RebalanceTest {

    private static final int SAMPLES = 240;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @ParameterizedTest
    @ValueSource(classes = {RangeAssignor.class, CooperativeStickyAssignor.class})
    void givenSecondInstanceJoiningThenLeaving_everySampleIsAnswered(Class<?> assignor) {
        ServiceTopics topics = ServiceTopics.fresh("rebalance-" + assignor.getSimpleName().toLowerCase());
        Map<String, Object> props = topics.serviceProperties(kafka.bootstrapServers(), false);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor.getName());
        ServiceConfig config = new ServiceConfig(props);
        try (LiquidStreamService first = LiquidStreamService.start(config, TestModel.bundle(), new SimpleMeterRegistry());
             Traffic traffic = new Traffic(kafka.bootstrapServers(), topics, 6)) {
            PacedTraffic paced = new PacedTraffic(traffic, SAMPLES, 10, Duration.ofMillis(100));
            Await.until("a quarter of the samples to be sent", Duration.ofSeconds(60), () -> paced.sent() >= SAMPLES / 4);
            int joinedAt = paced.sent();
            int leftAt;
            Throwable secondFailure;
            try (LiquidStreamService second = LiquidStreamService.start(config, TestModel.bundle(),
                    new SimpleMeterRegistry())) {
                Await.until("two thirds of the samples to be sent", Duration.ofSeconds(90),
                        () -> paced.sent() >= 2 * SAMPLES / 3);
                leftAt = paced.sent();
                secondFailure = second.failure();
            }
            List<String> ids = paced.join();

            Delivery d = Delivery.of(ids, Outputs.associationIds(kafka.bootstrapServers(), topics.associations(), ids));
            Report.line("rebalance " + assignor.getSimpleName(), "second instance joined after " + joinedAt
                    + " and left after " + leftAt + " samples; associations " + d + "; failures " + first.failure()
                    + ", " + secondFailure);

            assertThat(first.failure()).isNull();
            assertThat(secondFailure).isNull();
            assertThat(d.missing()).as("samples lost across the rebalances; %s", d).isEmpty();
            assertThat(d.unexpected()).isEmpty();
        }
    }
}

package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.service.LiquidStreamService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both delivery modes on a real KRaft broker, without faults: samples from six sources of two
 * modalities in; one embedding per sample on its modality's topic and one association per sample out.
 */
class EndToEndDeliveryTest {

    private static final int SAMPLES = 120;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @Test
    void givenExactlyOnce_everySampleYieldsExactlyOneCommittedEmbeddingAndAssociation() {
        ServiceTopics topics = ServiceTopics.fresh("e2e-eos");
        try (LiquidStreamService service = LiquidStreamService.start(topics.config(kafka.bootstrapServers(), true),
                TestModel.bundle(), new SimpleMeterRegistry());
             Traffic traffic = new Traffic(kafka.bootstrapServers(), topics, 1)) {
            List<String> ids = traffic.send(SAMPLES);
            traffic.flush();

            Delivery associations = Delivery.of(ids, Outputs.associationIds(kafka.bootstrapServers(),
                    topics.associations(), ids));
            Delivery vision = embeddings(traffic, topics, ServiceTopics.VISION);
            Delivery neural = embeddings(traffic, topics, ServiceTopics.NEURAL);
            Report.line("e2e exactly-once", "associations " + associations + "; vision embeddings " + vision
                    + "; neural embeddings " + neural);

            assertThat(service.failure()).as("the service stopped").isNull();
            assertExactlyOnce(associations);
            assertExactlyOnce(vision);
            assertExactlyOnce(neural);
            assertThat(vision.sent() + neural.sent()).isEqualTo(SAMPLES);
        }
    }

    @Test
    void givenAtLeastOnceWithoutFaults_everySampleIsAnsweredAndNothingTwice() {
        ServiceTopics topics = ServiceTopics.fresh("e2e-alo");
        try (LiquidStreamService service = LiquidStreamService.start(topics.config(kafka.bootstrapServers(), false),
                TestModel.bundle(), new SimpleMeterRegistry());
             Traffic traffic = new Traffic(kafka.bootstrapServers(), topics, 2)) {
            List<String> ids = traffic.send(SAMPLES);
            traffic.flush();

            Delivery associations = Delivery.of(ids, Outputs.associationIds(kafka.bootstrapServers(),
                    topics.associations(), ids));
            Delivery vision = embeddings(traffic, topics, ServiceTopics.VISION);
            Delivery neural = embeddings(traffic, topics, ServiceTopics.NEURAL);
            Report.line("e2e at-least-once", "associations " + associations + "; vision embeddings " + vision
                    + "; neural embeddings " + neural);

            // at-least-once may duplicate only after a fault; there was none
            assertExactlyOnce(associations);
            assertExactlyOnce(vision);
            assertExactlyOnce(neural);
            assertThat(service.failure()).isNull();
        }
    }

    private static Delivery embeddings(Traffic traffic, ServiceTopics topics, String modality) {
        List<String> sent = new ArrayList<>(traffic.sent(modality));
        return Delivery.of(sent, Outputs.embeddingIds(kafka.bootstrapServers(), topics.embeddings(modality), sent));
    }

    static void assertExactlyOnce(Delivery d) {
        assertThat(d.missing()).as("ids without output; %s", d).isEmpty();
        assertThat(d.duplicates()).as("duplicate outputs; %s", d).isZero();
        assertThat(d.unexpected()).as("outputs for ids never sent; %s", d).isEmpty();
        assertThat(d.received()).isEqualTo(d.sent());
    }
}

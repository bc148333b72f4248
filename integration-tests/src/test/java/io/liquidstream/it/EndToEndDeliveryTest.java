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
        Run run = deliver("e2e-eos", true, 1);
        Report.line("e2e exactly-once", run.toString());

        assertThat(run.failure()).as("the service stopped").isNull();
        assertExactlyOnce(run.associations());
        assertExactlyOnce(run.vision());
        assertExactlyOnce(run.neural());
        assertThat(run.vision().sent() + run.neural().sent()).isEqualTo(SAMPLES);
    }

    @Test
    void givenAtLeastOnceWithoutFaults_everySampleIsAnsweredAndNothingTwice() {
        Run run = deliver("e2e-alo", false, 2);
        Report.line("e2e at-least-once", run.toString());

        // at-least-once may duplicate only after a fault; there was none
        assertExactlyOnce(run.associations());
        assertExactlyOnce(run.vision());
        assertExactlyOnce(run.neural());
        assertThat(run.failure()).isNull();
    }

    /** What one service run delivered, per output, and the error that stopped it (null while it ran). */
    private record Run(Delivery associations, Delivery vision, Delivery neural, Throwable failure) {
        @Override
        public String toString() {
            return "associations " + associations + "; vision embeddings " + vision + "; neural embeddings " + neural;
        }
    }

    /** Sends {@link #SAMPLES} samples through a fresh service and reads back every output by id. */
    private static Run deliver(String name, boolean exactlyOnce, long seed) {
        ServiceTopics topics = ServiceTopics.fresh(name);
        try (LiquidStreamService service = LiquidStreamService.start(topics.config(kafka.bootstrapServers(), exactlyOnce),
                TestModel.bundle(), new SimpleMeterRegistry());
             Traffic traffic = new Traffic(kafka.bootstrapServers(), topics, seed)) {
            List<String> ids = traffic.send(SAMPLES);
            traffic.flush();

            Delivery associations = Delivery.of(ids, Outputs.associationIds(kafka.bootstrapServers(),
                    topics.associations(), ids));
            return new Run(associations, embeddings(traffic, topics, ServiceTopics.VISION),
                    embeddings(traffic, topics, ServiceTopics.NEURAL), service.failure());
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

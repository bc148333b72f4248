package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.Modality;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exactly-once delivery while a second instance joins the consumer group mid-stream and leaves again. */
class ServiceRebalanceTest {

    private static final int SOURCES = 6;
    private static final int PER_PHASE = 30;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @Test
    void givenASecondInstanceJoiningAndLeavingMidStream_everySampleHasExactlyOneCommittedAssociation()
            throws Exception {
        ServiceFixture fixture = new ServiceFixture(kafka.broker(), "rebalance");
        fixture.createTopics();
        ServiceConfig config = fixture.config(Map.of(ServiceConfig.DELIVERY, ServiceConfig.EXACTLY_ONCE));
        List<String> sent = new ArrayList<>();
        Throwable firstFailure;
        Throwable secondFailure;
        try (LiquidStreamService first = LiquidStreamService.start(config, ServiceEndToEndTest.bundle(),
                new SimpleMeterRegistry());
             KafkaProducer<String, byte[]> producer = fixture.producer()) {
            Phase phase = new Phase(fixture, producer, sent);
            phase.send(0);
            try (LiquidStreamService second = LiquidStreamService.start(config, ServiceEndToEndTest.bundle(),
                    new SimpleMeterRegistry())) {
                phase.send(1);
                ServiceFixture.await(() -> second.metrics().total("liquidstream.associations") > 0);
                phase.send(2);
                secondFailure = second.failure();
            }
            phase.send(3);

            List<Association> associations = fixture.associations(sent.size());
            firstFailure = first.failure();

            Map<String, Long> counts = associations.stream().collect(Collectors.groupingBy(
                    a -> a.getSampleId().toString(), Collectors.counting()));
            assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(counts.values()).as("associations per sample").allMatch(n -> n == 1);
        }
        assertThat(firstFailure).isNull();
        assertThat(secondFailure).isNull();
    }

    /** Sends samples of two packets each, round-robin over the sources, paced so they span a rebalance. */
    private static final class Phase {
        private final ServiceFixture fixture;
        private final KafkaProducer<String, byte[]> producer;
        private final List<String> sent;
        private final SplittableRandom random = new SplittableRandom(5);

        Phase(ServiceFixture fixture, KafkaProducer<String, byte[]> producer, List<String> sent) {
            this.fixture = fixture;
            this.producer = producer;
            this.sent = sent;
        }

        void send(int phase) throws InterruptedException {
            for (int k = 0; k < PER_PHASE; k++) {
                int n = phase * PER_PHASE + k;
                String source = "trial" + (n % SOURCES) + "/vision";
                long seq = 2L * (n / SOURCES);
                String id = "s" + n;
                write(source, ServiceFixture.samplePacket(Modality.VISION, source, seq, id, n % 10, random), false);
                write(source, ServiceFixture.samplePacket(Modality.VISION, source, seq + 1, id, n % 10, random), true);
                sent.add(id);
                Thread.sleep(20);
            }
            producer.flush();
        }

        private void write(String source, EventPacket packet, boolean end) {
            packet.setEndOfSample(end);
            producer.send(new ProducerRecord<>(fixture.prefix + "events.vision", source,
                    ServiceFixture.encode(packet)));
        }
    }
}

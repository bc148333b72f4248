package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.schemas.EventPacket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upstream transactional producer aborts a transaction half-way through its samples: the
 * exactly-once service (reading read_committed) answers every committed sample exactly once and none
 * of the aborted ones. The service's own transactions aborted by a crash are covered by
 * {@link ServiceKillTest}.
 */
class AbortedTransactionTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @Test
    void givenAnAbortedUpstreamTransaction_onlyCommittedSamplesAreAnsweredEachExactlyOnce() {
        ServiceTopics topics = ServiceTopics.fresh("abort");
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.prefix() + "upstream");
        try (LiquidStreamService service = LiquidStreamService.start(topics.config(kafka.bootstrapServers(), true),
                TestModel.bundle(), new SimpleMeterRegistry());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                     new ByteArraySerializer())) {
            producer.initTransactions();
            SplittableRandom random = new SplittableRandom(8);
            long[] seq = {0};
            List<String> committed = new ArrayList<>();
            List<String> aborted = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                boolean abort = round % 2 == 1;
                producer.beginTransaction();
                for (int k = 0; k < 10; k++) {
                    String id = (abort ? "aborted-" : "committed-") + round + "-" + k;
                    // aborted packets reuse no sequence numbers: the service never sees them, so seq stays dense
                    EventPacket p = Traffic.packet(ServiceTopics.VISION, "up/vision", abort ? 1_000_000 + seq[0]
                            : seq[0], seq[0] * 20_000L, 50, random);
                    if (!abort) {
                        seq[0]++;
                    }
                    p.setSampleId(id);
                    p.setEndOfSample(true);
                    producer.send(new ProducerRecord<>(topics.events(ServiceTopics.VISION), "up/vision",
                            Traffic.encode(p)));
                    (abort ? aborted : committed).add(id);
                }
                if (abort) {
                    producer.flush();
                    producer.abortTransaction();
                } else {
                    producer.commitTransaction();
                }
            }

            List<String> received = Outputs.associationIds(kafka.bootstrapServers(), topics.associations(), committed);
            Delivery d = Delivery.of(committed, received);
            Report.line("aborted upstream transaction", aborted.size() + " aborted + " + committed.size()
                    + " committed samples; associations " + d + "; answers for aborted "
                    + received.stream().filter(aborted::contains).count());

            assertThat(service.failure()).isNull();
            EndToEndDeliveryTest.assertExactlyOnce(d);
            assertThat(received).as("answers for aborted samples").doesNotContainAnyElementsOf(aborted);
        }
    }
}

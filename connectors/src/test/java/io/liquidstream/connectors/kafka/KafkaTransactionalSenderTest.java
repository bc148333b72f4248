package io.liquidstream.connectors.kafka;

import static io.liquidstream.connectors.kafka.KafkaTestSupport.await;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.broker;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.committed;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.committedTotal;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.endOffset;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.produce;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.readAll;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.receiverOptions;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.senderOptions;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class KafkaTransactionalSenderTest {

    private final EmbeddedKafkaBroker broker = broker();

    private KafkaReceiver<String, String> transactionalReceiver(String group, String topic) {
        ReceiverOptions<String, String> base = receiverOptions(broker, group, topic);
        Map<String, Object> props = new java.util.HashMap<>(base.consumerProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return KafkaReceiver.create(ReceiverOptions.create(props, base.keyDeserializer(), base.valueDeserializer())
                .withTopics(List.of(topic))
                .withCommitMode(CommitMode.TRANSACTIONAL));
    }

    @Test
    void givenConsumeTransformProduce_outputsAreVisibleOnceAndInputOffsetsCommittedWithThem() {
        String in = unique("tx.in");
        String out = unique("tx.out");
        String group = unique("g");
        broker.createTopic(in, 1);
        broker.createTopic(out, 1);
        produce(broker, in, 0, 10);
        KafkaReceiver<String, String> receiver = transactionalReceiver(group, in);

        try (KafkaTransactionalSender<String, String> sender =
                     KafkaTransactionalSender.create(senderOptions(broker).withTransactionalId(unique("tx")))) {
            StepVerifier.create(receiver.receive()
                            .buffer(5)
                            .concatMap(batch -> sender.transact(
                                    Flux.fromIterable(batch).map(r -> SenderRecord.of(out, r.key(), r.value().toUpperCase(),
                                            r.receiverOffset())),
                                    ConsumedOffsets.after(batch), receiver.groupMetadata()))
                            .take(2))
                    .expectNextCount(2)
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));
        }

        assertThat(readAll(broker, out, 1, "read_committed"))
                .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "V" + i).toList());
        assertThat(committedTotal(broker, group, in)).isEqualTo(10);
    }

    @Test
    void givenFailureMidTransaction_itsOutputsAreInvisibleAndItsInputsUncommitted() {
        String in = unique("tx.abort.in");
        String out = unique("tx.abort.out");
        String group = unique("g");
        broker.createTopic(in, 1);
        broker.createTopic(out, 1);
        produce(broker, in, 0, 5);
        KafkaReceiver<String, String> receiver = transactionalReceiver(group, in);
        // Three outputs are written, then the fourth fails: the whole transaction must be rolled back.
        String oversized = "x".repeat(2 * 1024 * 1024);

        try (KafkaTransactionalSender<String, String> sender =
                     KafkaTransactionalSender.create(senderOptions(broker).withTransactionalId(unique("tx")))) {
            StepVerifier.create(receiver.receive()
                            .buffer(5)
                            .concatMap(batch -> sender.transact(
                                    Flux.fromIterable(batch)
                                            .map(r -> SenderRecord.of(out, r.key(), r.value(), r.receiverOffset()))
                                            .take(3)
                                            // Fail only once the three are on the broker: Kafka drops batches
                                            // still queued when a transaction turns abortable.
                                            .concatWith(Mono.fromCallable(() -> {
                                                await("3 uncommitted outputs on " + out,
                                                        () -> endOffset(broker, out) >= 3);
                                                return SenderRecord.<String, String, ReceiverOffset>of(out, null, oversized, null);
                                            }).subscribeOn(Schedulers.boundedElastic())),
                                    ConsumedOffsets.after(batch), receiver.groupMetadata())))
                    .expectError(RecordTooLargeException.class)
                    .verify(Duration.ofSeconds(30));
        }

        assertThat(readAll(broker, out, 1, "read_uncommitted")).hasSize(3);
        assertThat(readAll(broker, out, 1, "read_committed")).isEmpty();
        assertThat(committed(broker, group)).isEmpty();
    }
}

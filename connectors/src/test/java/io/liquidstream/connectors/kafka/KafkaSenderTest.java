package io.liquidstream.connectors.kafka;

import static io.liquidstream.connectors.kafka.KafkaTestSupport.broker;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.readAll;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.senderOptions;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class KafkaSenderTest {

    private final EmbeddedKafkaBroker broker = broker();

    @Test
    void givenRecords_eachResultCarriesItsCorrelationAndEveryRecordIsWritten() {
        String topic = unique("send.all");
        broker.createTopic(topic, 2);
        try (KafkaSender<String, String> sender = KafkaSender.create(senderOptions(broker))) {
            List<SenderResult<Integer>> results = sender
                    .send(Flux.range(0, 50).map(i -> SenderRecord.of(topic, "k" + i, "v" + i, i)))
                    .collectList()
                    .block(Duration.ofSeconds(30));

            assertThat(results).allMatch(SenderResult::isSuccess);
            assertThat(results).extracting(SenderResult::correlation)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).boxed().toList());
        }
        assertThat(readAll(broker, topic, 2, "read_uncommitted"))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).mapToObj(i -> "v" + i).toList());
    }

    @Test
    void givenMaxInFlight_upstreamIsNeverAheadOfCompletedSendsByMore() {
        String topic = unique("send.inflight");
        broker.createTopic(topic, 1);
        int maxInFlight = 4;
        AtomicInteger requestedAhead = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        try (KafkaSender<String, String> sender =
                     KafkaSender.create(senderOptions(broker).withMaxInFlight(maxInFlight))) {
            Flux<SenderRecord<String, String, Integer>> records = Flux.range(0, 40)
                    .doOnNext(i -> maxAhead.accumulateAndGet(requestedAhead.incrementAndGet(), Math::max))
                    .map(i -> SenderRecord.of(topic, null, "v" + i, i));

            StepVerifier.create(sender.send(records).doOnNext(r -> requestedAhead.decrementAndGet()))
                    .expectNextCount(40)
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));
        }
        assertThat(maxAhead.get()).isBetween(1, maxInFlight);
    }

    @Test
    void givenOversizedRecord_itsResultCarriesTheErrorAndTheOthersAreSent() {
        String topic = unique("send.errors");
        broker.createTopic(topic, 1);
        String huge = "x".repeat(2 * 1024 * 1024);
        try (KafkaSender<String, String> sender = KafkaSender.create(senderOptions(broker))) {
            List<SenderResult<String>> results = sender
                    .send(Flux.just(SenderRecord.of(topic, null, "small-1", "a"),
                            SenderRecord.of(topic, null, huge, "b"),
                            SenderRecord.of(topic, null, "small-2", "c")))
                    .collectList()
                    .block(Duration.ofSeconds(30));

            assertThat(results.stream().filter(r -> !r.isSuccess()).map(SenderResult::correlation)
                    .collect(Collectors.toList())).containsExactly("b");
            assertThat(results.stream().filter(r -> !r.isSuccess()).findFirst().orElseThrow().exception())
                    .isInstanceOf(RecordTooLargeException.class);
        }
        assertThat(readAll(broker, topic, 1, "read_uncommitted")).containsExactly("small-1", "small-2");
    }

    @Test
    void givenStopOnError_firstFailedRecordFailsTheFlux() {
        String topic = unique("send.failfast");
        broker.createTopic(topic, 1);
        String huge = "x".repeat(2 * 1024 * 1024);
        try (KafkaSender<String, String> sender = KafkaSender.create(senderOptions(broker).withStopOnError(true))) {
            StepVerifier.create(sender.send(Flux.just(SenderRecord.of(topic, null, huge, 1))))
                    .expectError(RecordTooLargeException.class)
                    .verify(Duration.ofSeconds(30));
        }
    }
}

package io.liquidstream.connectors.kafka;

import static io.liquidstream.connectors.kafka.KafkaTestSupport.await;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.receiverOptions;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.senderOptions;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

class BrokerRestartTest {

    @Test
    void givenBrokerRestartMidStream_senderAndReceiverRecoverAndNothingIsLost() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             KafkaSender<String, String> sender = KafkaSender.create(senderOptions(broker))) {
            String topic = "restart";
            broker.createTopic(topic, 2);
            KafkaReceiver<String, String> receiver = KafkaReceiver.create(receiverOptions(broker, "restart-group", topic)
                    .withCommits(Duration.ofMillis(200), 10));
            Set<String> received = ConcurrentHashMap.newKeySet();
            CopyOnWriteArrayList<SenderResult<Integer>> results = new CopyOnWriteArrayList<>();
            Disposable receiving = receiver.receive()
                    .doOnNext(r -> { received.add(r.value()); r.acknowledge(); })
                    .subscribe();
            try {
                sender.send(records(topic, 0, 30)).doOnNext(results::add).blockLast(Duration.ofSeconds(30));
                await("the first 30 records received", () -> received.containsAll(values(0, 30)));

                broker.stop();
                Disposable sending = sender.send(records(topic, 30, 30)).subscribe(results::add);
                broker.restart();

                await("all 60 sends acknowledged", () -> results.size() == 60);
                await("all 60 records received", () -> received.containsAll(values(0, 60)));
                sending.dispose();
            } finally {
                receiving.dispose();
            }
            assertThat(results).allMatch(SenderResult::isSuccess);
        }
    }

    private static Flux<SenderRecord<String, String, Integer>> records(String topic, int from, int count) {
        return Flux.range(from, count).map(i -> SenderRecord.of(topic, "k" + i, "v" + i, i));
    }
}

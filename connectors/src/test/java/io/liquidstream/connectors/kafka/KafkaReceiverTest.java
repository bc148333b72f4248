package io.liquidstream.connectors.kafka;

import static io.liquidstream.connectors.kafka.KafkaTestSupport.await;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.broker;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.committedTotal;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.produce;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.receiverOptions;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class KafkaReceiverTest {

    private final EmbeddedKafkaBroker broker = broker();

    @Test
    void givenAllRecordsAcknowledged_committedOffsetsCoverEveryRecord() {
        String topic = unique("recv.all");
        String group = unique("g");
        broker.createTopic(topic, 3);
        produce(broker, topic, 0, 30);
        KafkaReceiver<String, String> receiver = KafkaReceiver.create(receiverOptions(broker, group, topic));

        StepVerifier.create(receiver.receive().doOnNext(ReceiverRecord::acknowledge).take(30))
                .expectNextCount(30)
                .expectComplete()
                .verify(Duration.ofSeconds(30));

        await("receiver shutdown", () -> !receiver.isActive());
        assertThat(committedTotal(broker, group, topic)).isEqualTo(30);
    }

    @Test
    void givenAcknowledgementGap_onlyTheContiguousPrefixIsCommitted() {
        String topic = unique("recv.gap");
        String group = unique("g");
        broker.createTopic(topic, 1);
        produce(broker, topic, 0, 10);
        KafkaReceiver<String, String> receiver = KafkaReceiver.create(receiverOptions(broker, group, topic)
                .withCommits(Duration.ofMillis(50), 1));

        // Offset 3 stays unacknowledged; the others are acknowledged in reverse order, before cancelling.
        CopyOnWriteArrayList<ReceiverRecord<String, String>> received = new CopyOnWriteArrayList<>();
        StepVerifier.create(receiver.receive().buffer(10)
                        .doOnNext(all -> {
                            received.addAll(all);
                            for (int i = all.size() - 1; i >= 0; i--) {
                                if (all.get(i).receiverOffset().offset() != 3) {
                                    all.get(i).acknowledge();
                                }
                            }
                        })
                        .take(1))
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(30));

        await("receiver shutdown", () -> !receiver.isActive());
        assertThat(received).hasSize(10);
        assertThat(committedTotal(broker, group, topic)).isEqualTo(3);
    }

    @Test
    void givenNoDemand_assignedPartitionsArePausedAndNothingIsBuffered() {
        String topic = unique("recv.idle");
        broker.createTopic(topic, 2);
        produce(broker, topic, 0, 20);
        KafkaReceiver<String, String> receiver = KafkaReceiver.create(receiverOptions(broker, unique("g"), topic));

        StepVerifier.create(receiver.receive(), 0)
                .then(() -> await("both partitions assigned and paused",
                        () -> receiver.assignment().size() == 2
                                && receiver.pausedPartitions().equals(receiver.assignment())))
                .then(() -> assertThat(receiver.bufferedRecords()).isZero())
                .thenRequest(1)
                .expectNextCount(1)
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void givenSlowOneAtATimeSubscriber_partitionIsPausedAndBufferNeverExceedsPrefetch() {
        String topic = unique("recv.slow");
        broker.createTopic(topic, 1);
        produce(broker, topic, 0, 40);
        int prefetch = 5;
        KafkaReceiver<String, String> receiver = KafkaReceiver.create(receiverOptions(broker, unique("g"), topic)
                .withPrefetch(prefetch));
        TopicPartition partition = new TopicPartition(topic, 0);
        AtomicInteger maxBuffered = new AtomicInteger();
        AtomicInteger sawPaused = new AtomicInteger();
        Set<Long> offsets = ConcurrentHashMap.newKeySet();

        BaseSubscriber<ReceiverRecord<String, String>> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(ReceiverRecord<String, String> record) {
                maxBuffered.accumulateAndGet(receiver.bufferedRecords(), Math::max);
                if (receiver.pausedPartitions().contains(partition)) {
                    sawPaused.incrementAndGet();
                }
                offsets.add(record.receiverOffset().offset());
                record.acknowledge();
                // The next request comes later, from another thread: a slow stage.
                Schedulers.parallel().schedule(() -> request(1), 10, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        };
        Disposable subscription = receiver.receive().subscribeWith(slow);
        try {
            await("40 records through the slow subscriber", () -> offsets.size() == 40);
        } finally {
            subscription.dispose();
        }

        assertThat(maxBuffered.get()).isLessThanOrEqualTo(prefetch);
        assertThat(sawPaused.get()).isPositive();
    }

    @Test
    void givenActiveSubscription_secondSubscriberIsRejected() {
        String topic = unique("recv.twice");
        broker.createTopic(topic, 1);
        KafkaReceiver<String, String> receiver = KafkaReceiver.create(receiverOptions(broker, unique("g"), topic));
        Disposable first = receiver.receive().subscribe();
        try {
            StepVerifier.create(receiver.receive())
                    .expectError(IllegalStateException.class)
                    .verify(Duration.ofSeconds(10));
        } finally {
            first.dispose();
        }
    }
}

package io.liquidstream.connectors.kafka;

import static io.liquidstream.connectors.kafka.KafkaTestSupport.await;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.broker;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.produce;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.receiverOptions;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.unique;
import static io.liquidstream.connectors.kafka.KafkaTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class KafkaReceiverRebalanceTest {

    private final EmbeddedKafkaBroker broker = broker();

    private KafkaReceiver<String, String> member(String group, String topic) {
        ReceiverOptions<String, String> base = receiverOptions(broker, group, topic);
        Map<String, Object> props = new HashMap<>(base.consumerProperties());
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
        return KafkaReceiver.create(ReceiverOptions.create(props, base.keyDeserializer(), base.valueDeserializer())
                .withTopics(List.of(topic)));
    }

    @Test
    void givenSecondMemberJoinsAndLeaves_partitionsMoveAndNoRecordIsLostOrSeenTwice() {
        String topic = unique("rebalance");
        String group = unique("g");
        broker.createTopic(topic, 4);
        KafkaReceiver<String, String> first = member(group, topic);
        KafkaReceiver<String, String> second = member(group, topic);
        Set<String> seenByFirst = ConcurrentHashMap.newKeySet();
        Set<String> seenBySecond = ConcurrentHashMap.newKeySet();

        Disposable firstRun = first.receive()
                .doOnNext(r -> { seenByFirst.add(r.value()); r.acknowledge(); })
                .subscribe();
        produce(broker, topic, 0, 40);
        await("first member to read the first 40 records", () -> seenByFirst.containsAll(values(0, 40)));

        Disposable secondRun = second.receive()
                .doOnNext(r -> { seenBySecond.add(r.value()); r.acknowledge(); })
                .subscribe();
        await("partitions split 2/2", () -> first.assignment().size() == 2 && second.assignment().size() == 2);
        produce(broker, topic, 40, 40);
        await("both members together to read the next 40", () -> union(seenByFirst, seenBySecond).containsAll(values(0, 80)));
        assertThat(seenBySecond).isNotEmpty();

        secondRun.dispose();
        await("first member to get all 4 partitions back", () -> first.assignment().size() == 4);
        produce(broker, topic, 80, 40);
        await("first member to read the last 40", () -> seenByFirst.containsAll(values(80, 40)));
        firstRun.dispose();

        // Everything was acknowledged before each revocation, so committed offsets hand over exactly.
        assertThat(union(seenByFirst, seenBySecond)).isEqualTo(values(0, 120));
        Set<String> seenByBoth = new HashSet<>(seenByFirst);
        seenByBoth.retainAll(seenBySecond);
        assertThat(seenByBoth).isEmpty();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}

package io.liquidstream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

    @Test
    void givenCreatedTopic_brokerReportsItsPartitions() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            broker.createTopic("broker.topics", 3);

            assertThat(admin.describeTopics(List.of("broker.topics")).allTopicNames().get()
                    .get("broker.topics").partitions()).hasSize(3);
        }
    }

    @Test
    void givenRestart_recordsWrittenBeforeStopAreStillThere() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopic("broker.restart", 1);
            String before = broker.bootstrapServers();
            produce(broker, "broker.restart", "kept");

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.restart();

            assertThat(broker.bootstrapServers()).isEqualTo(before);
            assertThat(KafkaTestSupport.readAll(broker, "broker.restart", 1, "read_uncommitted")).containsExactly("kept");
        }
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value)).get();
        } catch (Exception e) {
            throw new AssertionError("send to " + topic + " failed", e);
        }
    }
}

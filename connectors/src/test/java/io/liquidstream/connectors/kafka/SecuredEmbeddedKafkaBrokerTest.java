package io.liquidstream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SecuredEmbeddedKafkaBrokerTest {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startSecuredBroker() {
        broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Settings.defaults().withScram("admin", "admin-secret"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void givenUserGrantedWriteAndRead_itProducesAndConsumesTheTopic() throws Exception {
        broker.createTopic("secured.granted", 1);
        broker.addUser("alice", "alice-secret");
        broker.grant(List.of(
                allow("alice", ResourceType.TOPIC, "secured.granted", AclOperation.WRITE),
                allow("alice", ResourceType.TOPIC, "secured.granted", AclOperation.READ),
                allow("alice", ResourceType.GROUP, "alice-group", AclOperation.READ)));
        Map<String, Object> alice = broker.clientProperties("alice", "alice-secret");

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(alice, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("secured.granted", "hello")).get();
        }

        assertThat(readAll(alice, "alice-group", "secured.granted", 1)).containsExactly("hello");
    }

    @Test
    void givenWrongPassword_clientFailsWithSaslAuthenticationException() {
        broker.addUser("bob", "bob-secret");

        try (KafkaConsumer<String, String> consumer = consumer(broker.clientProperties("bob", "not-bobs-password"),
                "bob-group")) {
            consumer.subscribe(List.of("secured.any"));

            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30)))
                    .isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("Authentication failed");
        }
    }

    @Test
    void givenUserWithoutReadAcl_consumerFailsWithTopicAuthorizationNamingTheTopic() {
        broker.createTopic("secured.denied", 1);
        broker.addUser("carol", "carol-secret");
        broker.grant(List.of(allow("carol", ResourceType.GROUP, "carol-group", AclOperation.READ)));

        try (KafkaConsumer<String, String> consumer = consumer(broker.clientProperties("carol", "carol-secret"),
                "carol-group")) {
            consumer.subscribe(List.of("secured.denied"));

            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30)))
                    .isInstanceOf(TopicAuthorizationException.class)
                    .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics())
                            .containsExactly("secured.denied"));
        }
    }

    @Test
    void givenSecuredBroker_itsOwnTopicCreationAuthenticatesAsTheSuperUser() {
        broker.createTopic("secured.admin", 2);

        assertThat(broker.isSecured()).isTrue();
        assertThat(broker.clientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT");
    }

    private static AclBinding allow(String user, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> client, String group) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static List<String> readAll(Map<String, Object> client, String group, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(client, group)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}

package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.cli.LiquidStreamCli;
import io.liquidstream.connectors.kafka.EmbeddedKafkaBroker;
import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.connectors.service.ServiceConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The service on a broker with SASL/SCRAM authentication and ACL authorization: with its own principal
 * holding only the ACLs that docs/operations.md lists it serves traffic sent by a sensor principal;
 * with a wrong password, or without a permission it needs, it stops at once naming the cause.
 */
class SecurityTest {

    private static final int SAMPLES = 60;
    private static final Duration FAIL_FAST = Duration.ofSeconds(30);
    private static final String PASSWORD = "liquidstream-secret";
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startSecuredBroker() {
        broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Settings.defaults().withScram("admin", "admin-secret"));
        broker.addUser("liquidstream", PASSWORD);
        broker.addUser("sensor", "sensor-secret");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void givenServicePrincipalWithItsAcls_everySampleIsAnsweredAtLeastOnce() {
        assertServesEverySample("security at-least-once", false);
    }

    @Test
    void givenServicePrincipalWithItsAclsAndTransactionalIds_everySampleIsAnsweredExactlyOnce() {
        assertServesEverySample("security exactly-once", true);
    }

    @Test
    void givenWrongPassword_startFailsNamingAuthenticationUserAndBrokers() {
        ServiceTopics topics = ServiceTopics.fresh("sec-badpw-create");
        Map<String, Object> props = topics.serviceProperties(broker.bootstrapServers(), false);
        props.putAll(broker.clientProperties("liquidstream", "not-the-password"));

        long start = System.nanoTime();
        assertThatThrownBy(() -> LiquidStreamService.start(new ServiceConfig(props), TestModel.bundle(),
                new SimpleMeterRegistry()).close())
                .satisfies(e -> Report.line("security wrong password, topics.create=true", "start failed after "
                        + millisSince(start) + " ms: " + e.getMessage()))
                .hasMessageContaining("authentication failed for user 'liquidstream'")
                .hasMessageContaining(broker.bootstrapServers());
    }

    @Test
    void givenWrongPasswordAndTopicsCreatedBeforehand_serviceStopsWithAuthenticationFailure() {
        ServiceTopics topics = ServiceTopics.fresh("sec-badpw");
        createTopics(topics);
        Map<String, Object> props = topics.serviceProperties(broker.bootstrapServers(), false);
        props.put(ServiceConfig.TOPICS_CREATE, false);
        props.putAll(broker.clientProperties("liquidstream", "not-the-password"));

        long start = System.nanoTime();
        try (LiquidStreamService service = LiquidStreamService.start(new ServiceConfig(props), TestModel.bundle(),
                new SimpleMeterRegistry())) {
            Await.until("the service to stop on the failed authentication", FAIL_FAST, () -> service.failure() != null);
            Report.line("security wrong password, topics.create=false", "stopped after " + millisSince(start)
                    + " ms: " + service.failure().getMessage());

            assertThat(service.failure()).hasMessageContaining("authentication failed for user 'liquidstream'")
                    .hasMessageContaining(broker.bootstrapServers());
        }
    }

    @Test
    void givenWrongPasswordInKafkaConfig_serveExitsNonZeroNamingAuthentication(@TempDir Path dir) throws IOException {
        ServiceTopics topics = ServiceTopics.fresh("sec-badpw-serve");
        Properties kafkaConfig = new Properties();
        topics.serviceProperties(broker.bootstrapServers(), false).forEach((k, v) -> kafkaConfig.put(k, String.valueOf(v)));
        broker.clientProperties("liquidstream", "not-the-password").forEach((k, v) -> kafkaConfig.put(k, String.valueOf(v)));
        Path file = dir.resolve("kafka.properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            kafkaConfig.store(w, "service principal with a wrong password");
        }
        CommandLine cli = LiquidStreamCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("serve", "--kafka-config", file.toString(), "--model",
                TestModel.write(TestModel.bundle(), dir).toString(), "--metrics-port", "0");
        Report.line("security serve with a wrong password", "exit " + code + ", " + err.toString().strip());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("authentication failed for user 'liquidstream'", broker.bootstrapServers());
    }

    @Test
    void givenNoReadOnOneInputTopic_serviceStopsWithAuthorizationErrorNamingThatTopic() {
        ServiceTopics topics = ServiceTopics.fresh("sec-noread");
        createTopics(topics);
        broker.addUser("noread", PASSWORD);
        List<AclBinding> acls = new ArrayList<>(serviceAcls("noread", topics));
        acls.remove(allow("noread", ResourceType.TOPIC, topics.events(ServiceTopics.NEURAL), PatternType.LITERAL,
                AclOperation.READ));
        broker.grant(acls);

        assertStopsWithAuthorizationError("security no READ on an input topic", "noread", topics,
                topics.events(ServiceTopics.NEURAL));
    }

    @Test
    void givenNoWriteOnAssociations_serviceStopsWithAuthorizationErrorNamingThatTopic() {
        ServiceTopics topics = ServiceTopics.fresh("sec-nowrite");
        createTopics(topics);
        broker.addUser("nowrite", PASSWORD);
        List<AclBinding> acls = new ArrayList<>(serviceAcls("nowrite", topics));
        acls.remove(allow("nowrite", ResourceType.TOPIC, topics.associations(), PatternType.LITERAL, AclOperation.WRITE));
        broker.grant(acls);
        grantSensor(topics);

        assertStopsWithAuthorizationError("security no WRITE on the associations topic", "nowrite", topics,
                topics.associations());
    }

    private void assertServesEverySample(String scenario, boolean exactlyOnce) {
        ServiceTopics topics = ServiceTopics.fresh(exactlyOnce ? "sec-eos" : "sec-alo");
        createTopics(topics);
        broker.grant(serviceAcls("liquidstream", topics));
        grantSensor(topics);

        try (LiquidStreamService service = LiquidStreamService.start(serviceConfig(topics, "liquidstream", exactlyOnce),
                TestModel.bundle(), new SimpleMeterRegistry());
             Traffic traffic = new Traffic(broker.clientProperties("sensor", "sensor-secret"), topics, 7, 100)) {
            List<String> ids = traffic.send(SAMPLES);
            traffic.flush();

            Delivery associations = Delivery.of(ids, Outputs.associationIds(broker.clientProperties(),
                    topics.associations(), ids));
            Report.line(scenario, "principal liquidstream with " + serviceAcls("liquidstream", topics).size()
                    + " ACLs, sensor principal for input; associations " + associations);

            assertThat(service.failure()).as("the service stopped").isNull();
            assertThat(associations.missing()).as("samples without association; %s", associations).isEmpty();
            assertThat(associations.unexpected()).isEmpty();
            if (exactlyOnce) {
                assertThat(associations.duplicates()).isZero();
            }
        }
    }

    private void assertStopsWithAuthorizationError(String scenario, String user, ServiceTopics topics, String topic) {
        long start = System.nanoTime();
        try (LiquidStreamService service = LiquidStreamService.start(serviceConfig(topics, user, false),
                TestModel.bundle(), new SimpleMeterRegistry());
             Traffic traffic = new Traffic(broker.clientProperties("sensor", "sensor-secret"), topics, 11, 100)) {
            // input for the service to work on, should it get that far
            traffic.send(4);
            traffic.flush();
            Await.until("the service to stop on the missing permission", FAIL_FAST, () -> service.failure() != null);
            Report.line(scenario, "stopped after " + millisSince(start) + " ms: " + service.failure().getMessage());

            assertThat(service.failure()).hasMessageContaining("authorization failed for user '" + user + "'")
                    .hasMessageContaining(topic);
        }
    }

    /**
     * What docs/operations.md (Security) lists for the service's principal: READ on its input topics, the
     * anchors topic, its consumer group and the prefix of its anchor groups; WRITE on its output and
     * dead-letter topics; WRITE and DESCRIBE on the prefix of its transactional ids (exactly-once).
     */
    private static List<AclBinding> serviceAcls(String user, ServiceTopics topics) {
        return List.of(
                allow(user, ResourceType.TOPIC, topics.events(ServiceTopics.VISION), PatternType.LITERAL, AclOperation.READ),
                allow(user, ResourceType.TOPIC, topics.events(ServiceTopics.NEURAL), PatternType.LITERAL, AclOperation.READ),
                allow(user, ResourceType.TOPIC, anchors(topics), PatternType.LITERAL, AclOperation.READ),
                allow(user, ResourceType.GROUP, topics.group(), PatternType.LITERAL, AclOperation.READ),
                allow(user, ResourceType.GROUP, topics.group() + "-anchors-", PatternType.PREFIXED, AclOperation.READ),
                allow(user, ResourceType.TOPIC, topics.prefix() + "embeddings.", PatternType.PREFIXED, AclOperation.WRITE),
                allow(user, ResourceType.TOPIC, topics.associations(), PatternType.LITERAL, AclOperation.WRITE),
                allow(user, ResourceType.TOPIC, topics.dlq(), PatternType.LITERAL, AclOperation.WRITE),
                allow(user, ResourceType.TRANSACTIONAL_ID, topics.group() + "-", PatternType.PREFIXED, AclOperation.WRITE),
                allow(user, ResourceType.TRANSACTIONAL_ID, topics.group() + "-", PatternType.PREFIXED,
                        AclOperation.DESCRIBE));
    }

    private static void grantSensor(ServiceTopics topics) {
        broker.grant(List.of(allow("sensor", ResourceType.TOPIC, topics.prefix() + "events.", PatternType.PREFIXED,
                AclOperation.WRITE)));
    }

    private static ServiceConfig serviceConfig(ServiceTopics topics, String user, boolean exactlyOnce) {
        Map<String, Object> props = topics.serviceProperties(broker.bootstrapServers(), exactlyOnce);
        props.put(ServiceConfig.TOPICS_CREATE, false);
        props.putAll(broker.clientProperties(user, PASSWORD));
        return new ServiceConfig(props);
    }

    /** The admin creates the topics, so the service's principal needs no CREATE permission. */
    private static void createTopics(ServiceTopics topics) {
        for (String modality : List.of(ServiceTopics.VISION, ServiceTopics.NEURAL)) {
            broker.createTopic(topics.events(modality), 3);
            broker.createTopic(topics.embeddings(modality), 3);
        }
        broker.createTopic(topics.associations(), 3);
        broker.createTopic(topics.dlq(), 3);
        broker.createTopic(anchors(topics), 1);
    }

    private static String anchors(ServiceTopics topics) {
        return topics.prefix() + "anchors";
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}

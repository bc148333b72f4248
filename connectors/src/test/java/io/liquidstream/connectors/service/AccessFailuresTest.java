package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class AccessFailuresTest {

    private static final Map<String, Object> CLIENT = Map.of(
            "bootstrap.servers", "kafka:9092",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"liquidstream\" password=\"secret\";");

    @Test
    void givenWrappedSaslFailure_explanationNamesUserMechanismAndBrokers() {
        Throwable error = new ExecutionException(new SaslAuthenticationException("invalid credentials"));

        assertThat(AccessFailures.explain(error, CLIENT, "")).get()
                .satisfies(e -> assertThat(e.getMessage()).startsWith("authentication failed for user 'liquidstream' "
                        + "(SCRAM-SHA-512 over SASL_SSL) on bootstrap.servers kafka:9092: invalid credentials"))
                .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SaslAuthenticationException.class));
    }

    @Test
    void givenTopicAuthorizationFailure_explanationKeepsTheTopicAndSaysWhatWasGoingOn() {
        Throwable error = new TopicAuthorizationException(Set.of("lsm.associations"));

        assertThat(AccessFailures.explain(error, CLIENT, "while creating topics")).get()
                .satisfies(e -> assertThat(e.getMessage()).contains("authorization failed for user 'liquidstream'",
                        "kafka:9092 while creating topics", "[lsm.associations]"));
    }

    @Test
    void givenPlaintextClient_explanationSaysThereIsNoSaslUser() {
        Throwable error = new TopicAuthorizationException(Set.of("lsm.dlq"));

        assertThat(AccessFailures.explain(error, Map.of("bootstrap.servers", "b:9092"), "")).get()
                .satisfies(e -> assertThat(e.getMessage()).contains("security.protocol PLAINTEXT, no SASL username"));
    }

    @Test
    void givenAnErrorUnrelatedToSecurity_thereIsNoExplanation() {
        assertThat(AccessFailures.explain(new TimeoutException("slow broker"), CLIENT, "")).isEmpty();
    }
}

package io.liquidstream.connectors.service;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Turns the Kafka clients' security errors into messages an operator can act on: which user failed to
 * authenticate on which brokers, or which user lacks rights on what. Kafka's own messages name the
 * topic or group but not the principal or the brokers, and arrive wrapped in stream or future errors.
 */
final class AccessFailures {

    private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private AccessFailures() {
    }

    /**
     * An explanation of {@code error} when it is, or is caused by, a Kafka authentication or authorization
     * failure; empty otherwise.
     *
     * @param client the Kafka client settings in use (bootstrap servers, SASL settings)
     * @param during what the service was doing, e.g. "while creating topics [...]"; empty for nothing
     */
    static Optional<IllegalStateException> explain(Throwable error, Map<String, Object> client, String during) {
        String where = " on bootstrap.servers " + client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                + (during.isEmpty() ? "" : " " + during) + ": ";
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationException) {
                return Optional.of(new IllegalStateException("authentication failed for " + principal(client) + where
                        + cause.getMessage() + "; check sasl.jaas.config against the user's credentials on the brokers",
                        cause));
            }
            if (cause instanceof AuthorizationException) {
                return Optional.of(new IllegalStateException("authorization failed for " + principal(client) + where
                        + cause.getMessage() + "; grant the ACLs the service needs (docs/operations.md, Security)",
                        cause));
            }
        }
        return Optional.empty();
    }

    private static String principal(Map<String, Object> client) {
        Object protocol = client.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        Object jaas = client.get(SaslConfigs.SASL_JAAS_CONFIG);
        Matcher user = USERNAME.matcher(jaas == null ? "" : jaas.toString());
        if (!user.find()) {
            return "the service's principal (security.protocol " + protocol + ", no SASL username)";
        }
        return "user '" + user.group(1) + "' (" + client.getOrDefault(SaslConfigs.SASL_MECHANISM, "GSSAPI") + " over "
                + protocol + ")";
    }
}

package io.liquidstream.connectors.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.ResourceNotFoundException;

/**
 * The SASL/SCRAM and ACL side of a secured {@link EmbeddedKafkaBroker}: a {@code SASL_PLAINTEXT} client
 * listener accepting SCRAM-SHA-256 and SCRAM-SHA-512, the {@code StandardAuthorizer} denying whatever
 * no ACL allows, and one super user whose credential is written into the storage at format time, so
 * the broker can authenticate to itself on its first start.
 *
 * <p>The broker reaches its own controller listener over {@code PLAINTEXT} as {@code User:ANONYMOUS},
 * which is therefore a super user too: the controller port is for the node itself, never for clients.
 * SCRAM needs the metadata log to look credentials up, so the controller listener cannot use it.
 *
 * <p>Credentials and ACLs created later travel through the metadata log; the methods here return only
 * once the broker applies them, so a client started next is judged by them.
 */
final class ScramSecurity {

    static final String LISTENER = "SASL_PLAINTEXT";
    static final String MECHANISM = "SCRAM-SHA-256";
    private static final List<ScramMechanism> MECHANISMS = List.of(ScramMechanism.SCRAM_SHA_256,
            ScramMechanism.SCRAM_SHA_512);
    private static final int ITERATIONS = 4096;
    // Names and passwords go unquoted into the formatter's "[name=...,password=...]" argument and quoted
    // into a JAAS line; a conservative alphabet keeps both unambiguous.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    private final String superUser;
    private final String superPassword;

    ScramSecurity(String superUser, String superPassword) {
        this.superUser = checked("user name", superUser);
        this.superPassword = checked("password", superPassword);
    }

    String superUser() {
        return superUser;
    }

    /** Replaces the plaintext listener settings of {@code config} with the secured ones. */
    void configure(Properties config, String host, int brokerPort, int controllerPort) {
        config.put("listeners", LISTENER + "://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
        config.put("advertised.listeners", LISTENER + "://" + host + ":" + brokerPort);
        config.put("listener.security.protocol.map", LISTENER + ":SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("inter.broker.listener.name", LISTENER);
        config.put("sasl.enabled.mechanisms", String.join(",", mechanismNames()));
        config.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        for (String mechanism : mechanismNames()) {
            config.put("listener.name." + LISTENER.toLowerCase() + "." + mechanism.toLowerCase() + ".sasl.jaas.config",
                    jaas(superUser, superPassword));
        }
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("super.users", "User:" + superUser + ";User:ANONYMOUS");
        config.put("allow.everyone.if.no.acl.found", "false");
    }

    /** The super user's credentials for {@code Formatter.setScramArguments}. */
    List<String> formatterArguments() {
        List<String> args = new ArrayList<>();
        for (String mechanism : mechanismNames()) {
            args.add(mechanism + "=[name=" + superUser + ",password=" + superPassword + "]");
        }
        return args;
    }

    Map<String, Object> superUserProperties(String bootstrap) {
        return clientProperties(bootstrap, superUser, superPassword);
    }

    static Map<String, Object> clientProperties(String bootstrap, String user, String password) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        p.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(checked("user name", user), password));
        return p;
    }

    /** Adds or replaces {@code user}'s SCRAM credentials (both mechanisms) and waits until the broker knows them. */
    void upsertUser(Admin admin, String user, String password, long deadlineNanos)
            throws ExecutionException, InterruptedException {
        checked("user name", user);
        checked("password", password);
        // The broker refuses two alterations of one user in the same request, even for different mechanisms.
        for (ScramMechanism mechanism : MECHANISMS) {
            List<UserScramCredentialAlteration> upsert = List.of(
                    new UserScramCredentialUpsertion(user, new ScramCredentialInfo(mechanism, ITERATIONS), password));
            admin.alterUserScramCredentials(upsert).all().get();
        }
        while (!knows(admin, user)) {
            pauseUntil(deadlineNanos, "SCRAM credentials of user " + user);
        }
    }

    /** Creates the ACLs and waits until the broker's authorizer applies every one of them. */
    static void createAcls(Admin admin, Collection<AclBinding> bindings, long deadlineNanos)
            throws ExecutionException, InterruptedException {
        admin.createAcls(bindings).all().get();
        while (!new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get()).containsAll(bindings)) {
            pauseUntil(deadlineNanos, "ACLs " + bindings);
        }
    }

    private static boolean knows(Admin admin, String user) throws ExecutionException, InterruptedException {
        try {
            UserScramCredentialsDescription d = admin.describeUserScramCredentials(List.of(user)).description(user).get();
            Set<ScramMechanism> known = new HashSet<>();
            d.credentialInfos().forEach(info -> known.add(info.mechanism()));
            return known.containsAll(MECHANISMS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    private static void pauseUntil(long deadlineNanos, String what) throws InterruptedException {
        if (System.nanoTime() > deadlineNanos) {
            throw new IllegalStateException("The embedded broker did not apply " + what + " in time");
        }
        Thread.sleep(50);
    }

    private static List<String> mechanismNames() {
        return MECHANISMS.stream().map(ScramMechanism::mechanismName).toList();
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    static String checked(String what, String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("expected a SCRAM " + what + " of letters, digits, '.', '_' or '-', found "
                    + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }
}

package io.liquidstream.connectors.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka cluster in this JVM: one KRaft process that is both broker and controller,
 * listening on two ports of 127.0.0.1 (free ones unless {@link Settings} fixes them), storing its log
 * in a temporary directory or, for development brokers that keep their topics, a given one.
 *
 * <p>Meant for tests, demos and the integration suite: one replica for every topic, including the
 * internal offsets, transaction-state and share-group topics, 64 MiB log segments and no initial
 * rebalance delay, so consumer groups form at once. Kafka's own INFO logging is turned down to WARN
 * unless the caller configured those loggers (slf4j-simple system properties) beforehand.
 *
 * <p>{@link #stop()} and {@link #restart()} take the broker down and bring it back on the same ports
 * and the same log directory, so clients see an outage and then the same cluster with its data.
 * {@link #close()} stops it and deletes a temporary log directory. Not thread-safe: drive it from one thread.
 *
 * <p><b>Secured mode</b> ({@link Settings#withScram}): the client listener speaks {@code SASL_PLAINTEXT}
 * with SCRAM-SHA-256 or SCRAM-SHA-512, and ACLs decide what each principal may do: nothing unless
 * {@link #grant granted}, everything for the super user, whose credentials the broker's own calls use.
 * Add principals with {@link #addUser}; {@link #clientProperties(String, String)} configures a client as one.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    static {
        KafkaLogLevels.quietenUnlessConfigured();
    }

    private final Path logDir;
    private final boolean keepLogDir;
    private final int brokerPort;
    private final int controllerPort;
    private final Properties config;
    private final ScramSecurity security;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path logDir, boolean keepLogDir, int brokerPort, int controllerPort, int partitions,
                                ScramSecurity security) {
        this.logDir = logDir;
        this.keepLogDir = keepLogDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.security = security;
        this.config = serverConfig(logDir, brokerPort, controllerPort, partitions);
        if (security != null) {
            security.configure(config, HOST, brokerPort, controllerPort);
        }
    }

    /**
     * Where a broker started with {@link #start(Settings)} listens and keeps its data.
     *
     * @param port client port on 127.0.0.1, 0 for a free one
     * @param controllerPort KRaft controller port on 127.0.0.1, 0 for a free one
     * @param logDir log directory kept across runs (formatted on first use, never deleted), or null for
     *     a temporary one deleted on {@link #close()}
     * @param partitions partitions of automatically created topics
     * @param superUser null for a plaintext listener open to all; otherwise the super user of a secured
     *     broker (see {@link #withScram})
     */
    public record Settings(int port, int controllerPort, Path logDir, int partitions, Credentials superUser) {

        public Settings {
            if (port < 0 || port > 65535 || controllerPort < 0 || controllerPort > 65535) {
                throw new IllegalArgumentException("ports must be 0..65535 (0: any free port), found " + port + " and "
                        + controllerPort);
            }
            if (port != 0 && port == controllerPort) {
                throw new IllegalArgumentException("client and controller port must differ, both are " + port);
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, found " + partitions);
            }
        }

        /** A plaintext broker open to every client. */
        public Settings(int port, int controllerPort, Path logDir, int partitions) {
            this(port, controllerPort, logDir, partitions, null);
        }

        /** Free ports, a temporary log directory, one partition per automatically created topic. */
        public static Settings defaults() {
            return new Settings(0, 0, null, 1);
        }

        /**
         * These settings on a secured broker: SASL/SCRAM on the client listener, ACL authorization, and
         * {@code user} as super user. Names and passwords are letters, digits, '.', '_' and '-'.
         */
        public Settings withScram(String user, String password) {
            return new Settings(port, controllerPort, logDir, partitions, new Credentials(user, password));
        }
    }

    /** A SCRAM user name and password, each of letters, digits, '.', '_' and '-'. */
    public record Credentials(String user, String password) {

        public Credentials {
            ScramSecurity.checked("user name", user);
            ScramSecurity.checked("password", password);
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=(hidden)]";
        }
    }

    /**
     * Formats a fresh temporary log directory and starts the broker; returns once it accepts clients.
     *
     * @throws IllegalStateException if the storage cannot be formatted or the server does not start
     */
    public static EmbeddedKafkaBroker start() {
        return start(Settings.defaults());
    }

    /**
     * Starts a broker as {@code settings} say; returns once it accepts clients. A kept log directory is
     * formatted only when it holds no KRaft metadata yet, so a restarted broker finds its topics again.
     *
     * @throws IllegalStateException if the storage cannot be formatted or the server does not start (e.g.
     *     a port is taken)
     */
    public static EmbeddedKafkaBroker start(Settings settings) {
        boolean keep = settings.logDir() != null;
        Path dir;
        try {
            dir = keep ? Files.createDirectories(settings.logDir()) : Files.createTempDirectory("liquidstream-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the log directory "
                    + (keep ? settings.logDir() : "(temporary)") + " for the embedded broker", e);
        }
        int[] free = freePorts(2);
        int port = settings.port() != 0 ? settings.port()
                : free[0] != settings.controllerPort() ? free[0] : free[1];
        int controller = settings.controllerPort() != 0 ? settings.controllerPort()
                : free[1] != port ? free[1] : free[0];
        ScramSecurity security = settings.superUser() == null ? null
                : new ScramSecurity(settings.superUser().user(), settings.superUser().password());
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, keep, port, controller, settings.partitions(),
                security);
        try {
            if (!keep || !Files.exists(dir.resolve("meta.properties"))) {
                broker.format();
            }
            broker.startServer();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /** Whether clients must authenticate (SASL/SCRAM) and be authorized by ACLs. */
    public boolean isSecured() {
        return security != null;
    }

    /**
     * Client settings to reach this broker with full rights: {@code bootstrap.servers}, and on a secured
     * broker the super user's SASL settings.
     */
    public Map<String, Object> clientProperties() {
        return security == null ? Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers())
                : security.superUserProperties(bootstrapServers());
    }

    /**
     * Client settings ({@code bootstrap.servers}, {@code security.protocol}, {@code sasl.mechanism},
     * {@code sasl.jaas.config}) that authenticate as {@code user} with SCRAM-SHA-256. The password is not
     * checked here, so a test can use a wrong one.
     *
     * @throws IllegalStateException if the broker is not secured
     */
    public Map<String, Object> clientProperties(String user, String password) {
        requireSecured("client properties for user " + user);
        return ScramSecurity.clientProperties(bootstrapServers(), user, password);
    }

    /**
     * Adds {@code user} (or replaces its password) with SCRAM-SHA-256 and SCRAM-SHA-512 credentials; returns
     * once the broker accepts them. The user may do nothing until {@link #grant granted}.
     *
     * @throws IllegalStateException if the broker is not secured or does not apply the credentials
     */
    public void addUser(String user, String password) {
        requireSecured("adding user " + user);
        try (Admin admin = Admin.create(clientProperties())) {
            security.upsertUser(admin, user, password, System.nanoTime() + READY_TIMEOUT.toNanos());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot add SCRAM user " + user + " on " + bootstrapServers(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while adding SCRAM user " + user, e);
        }
    }

    /**
     * Creates ACLs (principals as {@code User:<name>}); returns once the broker's authorizer applies them.
     *
     * @throws IllegalStateException if the broker is not secured or refuses or does not apply them
     */
    public void grant(Collection<AclBinding> acls) {
        requireSecured("granting " + acls);
        try (Admin admin = Admin.create(clientProperties())) {
            ScramSecurity.createAcls(admin, acls, System.nanoTime() + READY_TIMEOUT.toNanos());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create ACLs " + acls + " on " + bootstrapServers(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating ACLs", e);
        }
    }

    /** Whether the server is currently running (false between {@link #stop()} and {@link #restart()}). */
    public boolean isRunning() {
        return server != null;
    }

    /**
     * Creates a topic with {@code partitions} partitions and one replica, waiting until the controller
     * accepted it. An already existing topic is left as it is.
     */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + name + " with " + partitions
                        + " partitions on " + bootstrapServers(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        }
        // The controller acknowledges before the broker's metadata shows the topic; callers listing or
        // producing right away would otherwise miss it.
        awaitLeaders(Set.of(name));
    }

    /** Shuts the server down, keeping ports and log directory for {@link #restart()}. No-op if stopped. */
    public void stop() {
        if (server != null) {
            KafkaRaftServer running = server;
            server = null;
            running.shutdown();
            running.awaitShutdown();
        }
    }

    /** Starts the server again on the same ports and log directory; no-op if it is running. */
    public void restart() {
        if (server == null) {
            startServer();
        }
    }

    /** The directory holding the broker's log and metadata. */
    public Path logDir() {
        return logDir;
    }

    /** Stops the server and deletes its log directory, unless it was given in {@link Settings#logDir()}. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (!keepLogDir) {
                deleteRecursively(logDir);
            }
        }
    }

    private void format() {
        KafkaConfig kafkaConfig = new KafkaConfig(config, false);
        Formatter formatter = new Formatter()
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(NODE_ID)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(kafkaConfig.metadataLogDir())
                .setDirectories(List.of(logDir.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()));
        if (security != null) {
            formatter.setScramArguments(security.formatterArguments());
        }
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format KRaft storage in " + logDir, e);
        }
    }

    private void startServer() {
        KafkaRaftServer candidate = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        try {
            candidate.startup();
            awaitLeaders(null);
        } catch (RuntimeException e) {
            candidate.shutdown();
            throw new IllegalStateException("Embedded broker did not start on " + bootstrapServers()
                    + " (controller port " + controllerPort + ", log dir " + logDir + ")", e);
        }
        server = candidate;
    }

    /**
     * After a restart the server accepts connections before it leads its partitions again, and a new
     * topic is known to the controller before the broker's metadata shows it; clients would see
     * "leader not available" or no topic for a while. Return only when every partition of
     * {@code only} (all topics when null) has a leader.
     */
    private void awaitLeaders(Set<String> only) {
        try (Admin admin = Admin.create(clientProperties())) {
            PartitionLeaders.await(admin, () -> only != null ? only
                    : admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(), READY_TIMEOUT);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Partitions on " + bootstrapServers() + " still have no leader after "
                    + READY_TIMEOUT, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot describe the topics of the embedded broker " + bootstrapServers(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded broker to lead its partitions", e);
        }
    }

    private void requireSecured(String what) {
        if (security == null) {
            throw new IllegalStateException("The broker on " + bootstrapServers() + " is a plaintext one without users "
                    + "or ACLs; start it with Settings.withScram(...) before " + what);
        }
    }

    private static Properties serverConfig(Path logDir, int brokerPort, int controllerPort, int partitions) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", String.valueOf(partitions));
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Rolling a segment (new log and mmapped index files) stalls appends; with 1 MiB segments it happened
        // several times a second at 2.5 M events/s and put ~300 ms on the p99 latency of bench pipeline.
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("auto.create.topics.enable", "true");
        return p;
    }

    private static int[] freePorts(int count) {
        // Hold all sockets open until every port is chosen so the two ports differ.
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // The port was only probed; failing to release it early is harmless.
                    }
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete embedded broker log directory " + dir, e);
        }
    }
}

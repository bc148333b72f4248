package io.liquidstream.connectors.service;

import io.liquidstream.connectors.registry.WireFormat;
import io.liquidstream.core.stream.PipelineSettings;
import io.liquidstream.core.stream.SlidingSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of {@code liquidstream serve}, defined once in the manner of Kafka's
 * {@code ConsumerConfig}: each key is a constant beside its type, default, validator, importance and
 * doc, so validation at start-up, {@code --print-config} and the documentation come from one place.
 * Keys that are not service settings (e.g. {@code security.protocol}, {@code sasl.*}, {@code ssl.*})
 * pass through to the Kafka clients unchanged; as in Kafka Streams, a key prefixed {@link #CONSUMER_PREFIX}
 * or {@link #PRODUCER_PREFIX} goes, without its prefix, to the service's consumers or producers only, over
 * an unprefixed one (e.g. {@code consumer.fetch.max.wait.ms=5}, {@code producer.linger.ms=0}).
 */
public final class ServiceConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String MODEL_PATH = "model.path";
    public static final String GROUP_ID = "group.id";
    public static final String MODALITIES = "modalities";
    public static final String EVENTS_TOPIC_PREFIX = "topic.events.prefix";
    public static final String EMBEDDINGS_TOPIC_PREFIX = "topic.embeddings.prefix";
    public static final String ASSOCIATIONS_TOPIC = "topic.associations";
    public static final String DECODED_TOPIC_PREFIX = "topic.decoded.prefix";
    public static final String ANCHORS_TOPIC = "topic.anchors";
    public static final String DLQ_TOPIC = "topic.dlq";
    public static final String SENSORS_TOPIC = "topic.sensors";
    public static final String TOPICS_CREATE = "topics.create";
    public static final String TOPICS_PARTITIONS = "topics.partitions";
    public static final String TOPICS_REPLICATION = "topics.replication.factor";
    public static final String DELIVERY = "delivery";
    public static final String RAILS = "rails";
    public static final String RAIL_QUEUE = "rail.queue";
    public static final String REORDER_PACKETS = "reorder.packets";
    public static final String PACKET_MAX_EVENTS = "packet.max.events";
    public static final String SAMPLE_MAX_EVENTS = "sample.max.events";
    public static final String SOURCE_IDLE_TIMEOUT_MS = "source.idle.timeout.ms";
    public static final String BATCH_SIZE = "batch.size";
    public static final String BATCH_WAIT_MS = "batch.wait.ms";
    public static final String SLIDING_MODALITIES = "sliding.modalities";
    public static final String SLIDING_BIN_US = "sliding.bin.us";
    public static final String SLIDING_WINDOW_BINS = "sliding.window.bins";
    public static final String SLIDING_HOP_BINS = "sliding.hop.bins";
    public static final String SLIDING_LIQUID = "sliding.liquid";
    public static final String SLIDING_WARMUP_BINS = "sliding.warmup.bins";
    public static final String TOP_K = "association.top.k";
    public static final String GROUP_DELIMITER = "association.group.delimiter";
    public static final String RECENT_PER_GROUP = "association.recent.per.group";
    public static final String OVERLAP_TOLERANCE_MS = "association.overlap.tolerance.ms";
    public static final String ANCHORS_MAX_PER_CLASS = "anchors.max.per.class";
    public static final String PREFETCH = "receiver.prefetch";
    public static final String MAX_IN_FLIGHT = "sender.max.in.flight";
    public static final String TX_MAX_RECORDS = "transaction.max.records";
    public static final String TX_MAX_MS = "transaction.max.ms";
    public static final String WARMUP_MS = "warmup.ms";
    public static final String METRICS_HOST = "metrics.host";
    public static final String METRICS_PORT = "metrics.port";
    public static final String METRICS_CLIENT_REFRESH_MS = "metrics.client.refresh.ms";
    public static final String SERDE_FORMAT = "serde.format";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    /** Prefix of Kafka consumer settings that apply to the service's consumers only. */
    public static final String CONSUMER_PREFIX = "consumer.";
    /** Prefix of Kafka producer settings that apply to the service's producers only. */
    public static final String PRODUCER_PREFIX = "producer.";
    /** The producers' {@code linger.ms} unless set: a record waits at most this long for its batch. */
    static final int DEFAULT_LINGER_MS = 1;

    public static final String AT_LEAST_ONCE = "at-least-once";
    public static final String EXACTLY_ONCE = "exactly-once";

    private static final ConfigDef DEF = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.LIST, "localhost:9092", (name, value) -> {
                if (value == null || ((List<?>) value).isEmpty()) {
                    throw new ConfigException(name, value, "expected at least one HOST:PORT");
                }
            }, Importance.HIGH, "Kafka brokers, HOST:PORT[,HOST:PORT...].")
            .define(MODEL_PATH, Type.STRING, "model.lsm", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Model bundle file (.lsm) to serve.")
            .define(GROUP_ID, Type.STRING, "liquidstream", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Consumer group of the input topics; instances with the same group share the sources.")
            .define(MODALITIES, Type.LIST, "", Importance.MEDIUM,
                    "Modalities to serve; empty serves every modality of the bundle.")
            .define(EVENTS_TOPIC_PREFIX, Type.STRING, "lsm.events.", Importance.MEDIUM,
                    "Input topics are this prefix plus the modality name, keyed by source id.")
            .define(EMBEDDINGS_TOPIC_PREFIX, Type.STRING, "lsm.embeddings.", Importance.MEDIUM,
                    "Embedding topics are this prefix plus the modality name.")
            .define(ASSOCIATIONS_TOPIC, Type.STRING, "lsm.associations", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Topic of association results.")
            .define(DECODED_TOPIC_PREFIX, Type.STRING, "lsm.decoded.", Importance.MEDIUM,
                    "Topics of the continuous read-outs (Decoded: e.g. pen velocity, one per hop per source) are this "
                            + "prefix plus the modality name; written for sliding modalities whose bundle model has a "
                            + "decoder.")
            .define(ANCHORS_TOPIC, Type.STRING, "lsm.anchors", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Compacted topic of run-time class anchors (key: anchor id; a null value removes the anchor).")
            .define(SENSORS_TOPIC, Type.STRING, "lsm.sensors", Importance.MEDIUM,
                    "Compacted topic of the sources' SensorInfo announcements (key: modality:source, as replay "
                            + "--sensor publishes them); a source announced with another sensor than the model's input "
                            + "spec reads is logged and its packets dead-lettered as SENSOR_MISMATCH. Empty: not read.")
            .define(DLQ_TOPIC, Type.STRING, "lsm.dlq", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Dead-letter topic: the original bytes with headers naming the error, topic, partition and offset.")
            .define(TOPICS_CREATE, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Create missing topics at start-up (needs the CreateTopics permission).")
            .define(TOPICS_PARTITIONS, Type.INT, 3, Range.atLeast(1), Importance.MEDIUM,
                    "Partitions of topics the service creates.")
            .define(TOPICS_REPLICATION, Type.SHORT, (short) 1, Range.atLeast(1), Importance.MEDIUM,
                    "Replication factor of topics the service creates.")
            .define(DELIVERY, Type.STRING, AT_LEAST_ONCE, ValidString.in(AT_LEAST_ONCE, EXACTLY_ONCE), Importance.HIGH,
                    "at-least-once: commit an input only after all its outputs are acknowledged; exactly-once: "
                            + "outputs and input offsets in Kafka transactions (read outputs with read_committed).")
            .define(RAILS, Type.INT, Math.max(1, Runtime.getRuntime().availableProcessors()), Range.between(1, 1024),
                    Importance.MEDIUM, "Parallel windowing and reservoir lanes; a source always uses the same rail.")
            .define(RAIL_QUEUE, Type.INT, 64, Range.between(1, 65536), Importance.LOW,
                    "Outcomes queued per rail before the input is slowed.")
            .define(REORDER_PACKETS, Type.INT, 16, Range.between(0, 65536), Importance.MEDIUM,
                    "Out-of-order packets held per source waiting for a missing seq; beyond it the gap is given up "
                            + "and packets arriving later go to the DLQ as LATE.")
            .define(PACKET_MAX_EVENTS, Type.INT, 1 << 20, Range.atLeast(1), Importance.MEDIUM,
                    "Larger packets go to the DLQ as OVERSIZED.")
            .define(SAMPLE_MAX_EVENTS, Type.INT, 10_000_000, Range.atLeast(1), Importance.MEDIUM,
                    "Larger samples go to the DLQ as OVERSIZED, whole.")
            .define(SOURCE_IDLE_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.MEDIUM,
                    "A source with an open sample or packets held for a missing seq, and no packet for this long "
                            + "(wall clock), has its sample closed and answered with what arrived, and its gap given "
                            + "up, so its inputs can be committed.")
            .define(BATCH_SIZE, Type.INT, 64, Range.between(1, 65536), Importance.MEDIUM,
                    "Most windows per projection micro-batch.")
            .define(BATCH_WAIT_MS, Type.LONG, 2L, Range.between(1, 60_000), Importance.MEDIUM,
                    "Longest a window waits for its projection micro-batch, in ms.")
            .define(SLIDING_MODALITIES, Type.LIST, "", Importance.MEDIUM,
                    "Modalities windowed by sliding time windows (continuous streams) instead of sample markers.")
            .define(SLIDING_BIN_US, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW, "Sliding window bin, in us.")
            .define(SLIDING_WINDOW_BINS, Type.INT, 200, Range.atLeast(1), Importance.LOW, "Bins per sliding window.")
            .define(SLIDING_HOP_BINS, Type.INT, 10, Range.atLeast(1), Importance.LOW, "Bins between sliding windows.")
            .define(SLIDING_LIQUID, Type.STRING, "carried", ValidString.in("carried", "restarted"), Importance.MEDIUM,
                    "carried: each source's reservoir state runs on from bin to bin (one reservoir step per bin) and "
                            + "every hop is read out from it; restarted: every window is run through the reservoir "
                            + "from rest at every hop.")
            .define(SLIDING_WARMUP_BINS, Type.INT, 200, Range.atLeast(0), Importance.MEDIUM,
                    "Carried liquid: bins a source's liquid steps from rest (its first packet here, or after a "
                            + "rebalance or an idle timeout) before its read-outs are emitted; its packets are "
                            + "settled meanwhile.")
            .define(TOP_K, Type.INT, 5, Range.between(1, 1000), Importance.LOW, "Matches reported per association.")
            .define(GROUP_DELIMITER, Type.STRING, "/", Importance.LOW,
                    "A source id up to its last delimiter is its source group; recent windows pair within a group.")
            .define(RECENT_PER_GROUP, Type.INT, 64, Range.between(0, 1 << 20), Importance.LOW,
                    "Recent windows kept per source group for pairing.")
            .define(OVERLAP_TOLERANCE_MS, Type.LONG, 100L, Range.atLeast(0), Importance.LOW,
                    "How far apart (source clock) the starts of two windows of a source group may be and still pair, "
                            + "in ms: the clock offset allowed between the group's sources.")
            .define(ANCHORS_MAX_PER_CLASS, Type.INT, 32, Range.between(1, 1 << 16), Importance.MEDIUM,
                    "Exemplars (bundle anchors and ClassAnchors) kept per class and modality; their normalised "
                            + "mean is the class prototype queries are matched with. One more drops the oldest.")
            .define(PREFETCH, Type.INT, 256, Range.between(1, 1 << 20), Importance.LOW,
                    "Records fetched ahead of demand; partitions pause beyond it.")
            .define(MAX_IN_FLIGHT, Type.INT, 256, Range.between(1, 1 << 20), Importance.LOW,
                    "Output records sent but not yet acknowledged by the broker.")
            .define(TX_MAX_RECORDS, Type.INT, 500, Range.between(1, 1 << 20), Importance.LOW,
                    "Exactly-once: most outcomes per transaction.")
            .define(TX_MAX_MS, Type.LONG, 100L, Range.between(1, 60_000), Importance.LOW,
                    "Exactly-once: longest an outcome waits for its transaction, in ms.")
            .define(WARMUP_MS, Type.LONG, 3_000L, Range.between(0, 600_000), Importance.MEDIUM,
                    "Before joining its consumer group the service runs its hot paths (packet decoding, windowing, "
                            + "the reservoir step, projection, association, the decoder) on synthetic input for about "
                            + "this long, in ms, so its first minute answers as fast as its tenth; nothing is sent and "
                            + "no state is kept. 0: no warm-up.")
            .define(METRICS_HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Address the Prometheus endpoint binds to.")
            .define(METRICS_PORT, Type.INT, 9464, Range.between(0, 65535), Importance.MEDIUM,
                    "Port of the Prometheus endpoint (GET /metrics); 0 disables it.")
            .define(METRICS_CLIENT_REFRESH_MS, Type.LONG, 10_000L, Range.between(10, 3_600_000), Importance.LOW,
                    "How often the Kafka clients' own metrics (kafka_consumer_fetch_manager_records_lag, ...) are "
                            + "checked for new per-partition meters, in ms.")
            .define(SERDE_FORMAT, Type.STRING, WireFormat.SINGLE_OBJECT,
                    ConfigDef.ValidString.in(WireFormat.SINGLE_OBJECT, WireFormat.CONFLUENT), Importance.MEDIUM,
                    "How outputs are written: single-object (Avro single-object encoding, the schema fingerprint in "
                            + "each record) or confluent (the Confluent wire format, a schema registry id in each "
                            + "record, for kcat -s avro, Kafka Connect, ksqlDB, Flink). Inputs are read in either.")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, "", Importance.MEDIUM,
                    "Schema registry (Confluent REST API) that serde.format=confluent registers the output schemas "
                            + "with, under <topic>-value, and that Confluent-framed inputs are looked up in; "
                            + "http(s)://[user:password@]HOST:PORT[/path]. Empty: none.");

    public ServiceConfig(Map<String, ?> props) {
        super(DEF, props, false);
    }

    public static ConfigDef definition() {
        return DEF;
    }

    /** The stage settings these keys describe. */
    public PipelineSettings pipelineSettings() {
        Map<String, SlidingSpec> sliding = new HashMap<>();
        for (String m : getList(SLIDING_MODALITIES)) {
            sliding.put(m, getString(SLIDING_LIQUID).equals("carried")
                    ? SlidingSpec.carried(getLong(SLIDING_BIN_US), getInt(SLIDING_WINDOW_BINS), getInt(SLIDING_HOP_BINS),
                            getInt(SLIDING_WARMUP_BINS))
                    : SlidingSpec.restarted(getLong(SLIDING_BIN_US), getInt(SLIDING_WINDOW_BINS),
                            getInt(SLIDING_HOP_BINS)));
        }
        return new PipelineSettings(getInt(RAILS), getInt(RAIL_QUEUE), getInt(REORDER_PACKETS),
                getInt(SAMPLE_MAX_EVENTS), getInt(BATCH_SIZE), Duration.ofMillis(getLong(BATCH_WAIT_MS)), sliding,
                getInt(TOP_K), getString(GROUP_DELIMITER), getInt(RECENT_PER_GROUP),
                Duration.ofMillis(getLong(OVERLAP_TOLERANCE_MS)), Duration.ofMillis(getLong(SOURCE_IDLE_TIMEOUT_MS)));
    }

    /**
     * How records are written and read, with the registry this configuration names.
     *
     * @throws org.apache.kafka.common.config.ConfigException when serde.format=confluent names no registry
     */
    public WireFormat wireFormat() {
        try {
            return WireFormat.of(getString(SERDE_FORMAT), getString(SCHEMA_REGISTRY_URL));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, getString(SCHEMA_REGISTRY_URL), e.getMessage());
        }
    }

    public boolean exactlyOnce() {
        return EXACTLY_ONCE.equals(getString(DELIVERY));
    }

    /**
     * Properties for every Kafka client (admin included): each key that is neither a service setting nor
     * prefixed {@link #CONSUMER_PREFIX} or {@link #PRODUCER_PREFIX}, plus the brokers.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(originals());
        props.keySet().removeAll(DEF.names());
        props.keySet().removeIf(k -> k.startsWith(CONSUMER_PREFIX) || k.startsWith(PRODUCER_PREFIX));
        props.put(BOOTSTRAP_SERVERS, String.join(",", getList(BOOTSTRAP_SERVERS)));
        return props;
    }

    /** Properties for the service's consumers: {@link #clientProperties()} with the {@code consumer.} keys over them. */
    public Map<String, Object> consumerProperties() {
        Map<String, Object> props = clientProperties();
        props.putAll(originalsWithPrefix(CONSUMER_PREFIX));
        return props;
    }

    /**
     * Properties for the service's producers: {@link #clientProperties()} with the {@code producer.} keys over
     * them, and {@code linger.ms} {@value #DEFAULT_LINGER_MS} unless set.
     */
    public Map<String, Object> producerProperties() {
        Map<String, Object> props = clientProperties();
        props.putAll(originalsWithPrefix(PRODUCER_PREFIX));
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, DEFAULT_LINGER_MS);
        return props;
    }

    /** The effective configuration, sorted by key, secrets hidden, one {@code key=value} per line. */
    public String describe() {
        Map<String, Object> all = new TreeMap<>();
        values().forEach((k, v) -> all.put(k, v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : v));
        originals().forEach((k, v) -> {
            if (!DEF.names().contains(k)) {
                boolean secret = k.contains("password") || k.contains("jaas") || k.contains("secret");
                all.put(k, secret ? "[hidden]" : v);
            }
        });
        // A registry URL may carry user:password.
        all.computeIfPresent(SCHEMA_REGISTRY_URL, (k, v) -> v.toString().replaceFirst("//[^/@]*@", "//[hidden]@"));
        StringBuilder out = new StringBuilder();
        all.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }
}

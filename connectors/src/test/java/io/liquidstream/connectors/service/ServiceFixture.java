package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.EmbeddedKafkaBroker;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** One test's topics (under a unique prefix) on a shared embedded broker, and ways to feed and read them. */
public final class ServiceFixture {

    final EmbeddedKafkaBroker broker;
    public final String prefix;

    public ServiceFixture(EmbeddedKafkaBroker broker, String name) {
        this.broker = broker;
        this.prefix = name + "-" + UUID.randomUUID().toString().substring(0, 6) + ".";
    }

    /** Service settings on this fixture's topics; {@code extra} overrides or adds keys. */
    public ServiceConfig config(Map<String, ?> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(ServiceConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        props.put(ServiceConfig.MODEL_PATH, "in-memory");
        props.put(ServiceConfig.GROUP_ID, prefix + "group");
        props.put(ServiceConfig.EVENTS_TOPIC_PREFIX, prefix + "events.");
        props.put(ServiceConfig.EMBEDDINGS_TOPIC_PREFIX, prefix + "embeddings.");
        props.put(ServiceConfig.ASSOCIATIONS_TOPIC, prefix + "associations");
        props.put(ServiceConfig.ANCHORS_TOPIC, prefix + "anchors");
        props.put(ServiceConfig.DLQ_TOPIC, prefix + "dlq");
        props.put(ServiceConfig.SENSORS_TOPIC, prefix + "sensors");
        props.put(ServiceConfig.RAILS, 2);
        // one short warm-up round: every service test runs through it, none waits the default's seconds
        props.put(ServiceConfig.WARMUP_MS, 1);
        props.putAll(extra);
        return new ServiceConfig(props);
    }

    /** Creates every topic of {@link #config} up front, as the service would. */
    void createTopics() {
        String anchors = prefix + "anchors";
        TopicSetup.ensure(Map.of("bootstrap.servers", broker.bootstrapServers()), List.of(prefix + "events.vision",
                prefix + "events.neural", prefix + "embeddings.vision", prefix + "embeddings.neural",
                prefix + "associations", prefix + "dlq", anchors), anchors, 3, (short) 1);
    }

    /**
     * A producer with one request in flight: on a loaded 2-core machine a fresh partition answers "not leader" for a
     * moment, and pipelined idempotent batches retried after it were seen to wedge on OutOfOrderSequenceException
     * (as in the integration tests' Traffic).
     */
    KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "max.in.flight.requests.per.connection", 1), new StringSerializer(), new ByteArraySerializer());
    }

    /** A whole one-packet sample of random events on the modality's sensor. */
    static EventPacket samplePacket(Modality modality, String source, long seq, String id, int label,
                                    SplittableRandom r) {
        int n = 200;
        boolean vision = modality == Modality.VISION;
        int[] dt = new int[n];
        int[] x = new int[n];
        int[] y = new int[vision ? n : 0];
        int[] p = new int[vision ? n : 0];
        for (int i = 0; i < n; i++) {
            dt[i] = i * 100;
            x[i] = r.nextInt(vision ? 34 : 192);
            if (vision) {
                y[i] = r.nextInt(34);
                p[i] = 1;
            }
        }
        EventPacket packet = EventPackets.fromColumns(source, modality, seq, seq * 100_000, dt, x, y, p);
        packet.setSampleId(id);
        packet.setLabel(label);
        packet.setEndOfSample(true);
        return packet;
    }

    static byte[] encode(EventPacket packet) {
        return AvroSingleObjectCodec.of(EventPacket.class).encode(packet);
    }

    /** Every record of a topic, read committed, until {@code expected} arrived, then one more poll for extras. */
    List<ConsumerRecord<String, byte[]>> read(String topic, int expected) {
        return read(broker, topic, expected);
    }

    /**
     * Every record of {@code topic} under read_committed, polling until {@code expected} arrived (at most
     * 60 s), then once more for a second so that extra (duplicate) records would show up.
     */
    static List<ConsumerRecord<String, byte[]>> read(EmbeddedKafkaBroker broker, String topic, int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            consumer.poll(Duration.ofMillis(1000)).forEach(out::add);
        }
        return out;
    }

    /** The associations of a topic, decoded, as {@link #read} returns them. */
    List<Association> associations(int expected) {
        AvroSingleObjectCodec<Association> codec = AvroSingleObjectCodec.of(Association.class);
        return read(prefix + "associations", expected).stream().map(r -> codec.decode(r.value())).toList();
    }

    /** Waits up to 60 s for the condition; returns whether it became true. */
    public static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}

package io.liquidstream.it;

import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Valid labelled samples from several sources of two modalities (vision and neural, {@value #GROUPS}
 * source groups each unless told otherwise), every sample cut into two packets with per-source sequence
 * numbers, sent with a plain producer that retries through broker outages. Remembers every sample id it
 * sent, per modality.
 */
final class Traffic implements AutoCloseable {

    static final int GROUPS = 3;
    static final int PACKETS_PER_SAMPLE = 2;

    private static final AvroSingleObjectCodec<EventPacket> CODEC = AvroSingleObjectCodec.of(EventPacket.class);

    private final ServiceTopics topics;
    private final KafkaProducer<String, byte[]> producer;
    private final SplittableRandom random;
    private final int eventsPerPacket;
    private final int groups;
    private final Map<String, Long> nextSeq = new HashMap<>();
    private final Map<String, List<String>> sent = new LinkedHashMap<>();
    private int samples;

    /** @param groups source groups per modality; more spread the sources over more partitions */
    Traffic(String bootstrap, ServiceTopics topics, long seed, int eventsPerPacket, int groups) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topics, seed, eventsPerPacket, groups);
    }

    /** Traffic sent with the given client settings (brokers plus e.g. SASL settings of a sensor principal). */
    Traffic(Map<String, Object> client, ServiceTopics topics, long seed, int eventsPerPacket) {
        this(client, topics, seed, eventsPerPacket, GROUPS);
    }

    private Traffic(Map<String, Object> client, ServiceTopics topics, long seed, int eventsPerPacket, int groups) {
        this.topics = topics;
        this.random = new SplittableRandom(seed);
        this.eventsPerPacket = eventsPerPacket;
        this.groups = groups;
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        // One request in flight: on a loaded 2-core machine a fresh partition answers "not leader" for a
        // moment, and pipelined idempotent batches retried after it were seen to wedge on
        // OutOfOrderSequenceException before the test's fault was even injected.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        sent.put(ServiceTopics.VISION, new ArrayList<>());
        sent.put(ServiceTopics.NEURAL, new ArrayList<>());
    }

    Traffic(String bootstrap, ServiceTopics topics, long seed, int eventsPerPacket) {
        this(bootstrap, topics, seed, eventsPerPacket, GROUPS);
    }

    Traffic(String bootstrap, ServiceTopics topics, long seed) {
        this(bootstrap, topics, seed, 100);
    }

    /** Sends {@code count} samples, alternating modality and source group; returns their ids. */
    List<String> send(int count) {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int n = samples++;
            String modality = n % 2 == 0 ? ServiceTopics.VISION : ServiceTopics.NEURAL;
            ids.add(sendSample(modality, "trial" + (n / 2) % groups, modality.charAt(0) + "-" + n));
        }
        return ids;
    }

    /**
     * Sends only the first packet of a vision sample from {@code group}, never its end: a sensor that went
     * silent mid-sample. Returns the sample's id.
     */
    String sendUnfinished(String group) {
        String source = group + "/" + ServiceTopics.VISION;
        String id = "unfinished-" + samples++;
        long seq = nextSeq.merge(source, 1L, Long::sum) - 1;
        EventPacket packet = packet(ServiceTopics.VISION, source, seq, seq * 100L * (eventsPerPacket + 10),
                eventsPerPacket, random);
        packet.setSampleId(id);
        packet.setLabel(random.nextInt(10));
        producer.send(new ProducerRecord<>(topics.events(ServiceTopics.VISION), source, CODEC.encode(packet)));
        return id;
    }

    private String sendSample(String modality, String group, String id) {
        String source = group + "/" + modality;
        int label = random.nextInt(10);
        for (int part = 0; part < PACKETS_PER_SAMPLE; part++) {
            long seq = nextSeq.merge(source, 1L, Long::sum) - 1;
            // packets of a source follow one another in time: each starts after the previous one's last event
            EventPacket packet = packet(modality, source, seq, seq * 100L * (eventsPerPacket + 10), eventsPerPacket,
                    random);
            packet.setSampleId(id);
            packet.setLabel(label);
            packet.setEndOfSample(part == PACKETS_PER_SAMPLE - 1);
            producer.send(new ProducerRecord<>(topics.events(modality), source, CODEC.encode(packet)));
        }
        sent.get(modality).add(id);
        return id;
    }

    /** A valid packet of random in-range events, 100 µs apart. */
    static EventPacket packet(String modality, String source, long seq, long t0, int events, SplittableRandom r) {
        boolean vision = modality.equals(ServiceTopics.VISION);
        int[] dt = new int[events];
        int[] x = new int[events];
        int[] y = new int[vision ? events : 0];
        int[] p = new int[vision ? events : 0];
        for (int i = 0; i < events; i++) {
            dt[i] = i * 100;
            x[i] = r.nextInt(vision ? 34 : 192);
            if (vision) {
                y[i] = r.nextInt(34);
                p[i] = r.nextInt(2);
            }
        }
        return EventPackets.fromColumns(source, vision ? Modality.VISION : Modality.NEURAL, seq, t0, dt, x, y, p);
    }

    /** Sends arbitrary bytes (hostile input) to a topic, with headers. */
    void sendRaw(String topic, String key, byte[] value, RecordHeaders headers) {
        producer.send(new ProducerRecord<>(topic, null, key, value, headers));
    }

    static byte[] encode(EventPacket packet) {
        return CODEC.encode(packet);
    }

    void flush() {
        producer.flush();
    }

    /** Ids of every sample sent so far of one modality. */
    List<String> sent(String modality) {
        return List.copyOf(sent.get(modality));
    }

    int samplesSent() {
        return samples;
    }

    @Override
    public void close() {
        producer.close();
    }
}

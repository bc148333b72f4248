package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.KafkaReceiver;
import io.liquidstream.connectors.sensors.SensorTopic;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.core.stream.SensorAnnouncements;
import io.liquidstream.schemas.SensorInfo;
import io.liquidstream.schemas.codec.RecordDecodingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import reactor.core.Disposable;

/**
 * Applies the compacted sensors topic ({@link SensorTopic}) to the service's {@link SensorAnnouncements}
 * while it runs: a {@link SensorInfo} records its source's sensor, a tombstone (null value, key
 * {@code modality:source}) withdraws it. A source announced with another sensor than its modality's
 * model reads is reported once per announcement on {@code log} and counted in the
 * {@code liquidstream.sensors.mismatched} gauge; its packets are then dead-lettered as
 * {@code SENSOR_MISMATCH} by the packet reader. The service {@link #catchUp reads the topic to its end}
 * before its first packet, then {@link #follow follows} it: a source announced while the service runs
 * is checked from the moment its announcement is read, so packets sent right after it may be read first.
 *
 * <p>Reading announcements is a help, not a duty: an undecodable record is logged and skipped
 * ({@code liquidstream.sensors.undecodable}), and if the topic cannot be read (no permission) the
 * service goes on checking addresses only, saying so once.
 */
final class SensorFeed implements AutoCloseable {

    private final SensorAnnouncements announced;
    private final Map<String, SensorGeometry> modelSensors;
    private final String topic;
    private final PrintStream log;
    private final Counter undecodable;
    private final Map<String, Boolean> mismatched = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> stopped = new AtomicReference<>();
    private volatile Disposable subscription;

    /**
     * @param modelSensors the sensor each served modality's model reads, by modality
     * @param log where mismatches and a stop are reported
     */
    SensorFeed(String topic, SensorAnnouncements announced, Map<String, SensorGeometry> modelSensors,
               MeterRegistry registry, PrintStream log) {
        this.announced = announced;
        this.modelSensors = Map.copyOf(modelSensors);
        this.topic = topic;
        this.log = log;
        this.undecodable = registry.counter("liquidstream.sensors.undecodable");
        registry.gauge("liquidstream.sensors.announced", announced, SensorAnnouncements::size);
        registry.gauge("liquidstream.sensors.mismatched", mismatched, Map::size);
    }

    /**
     * Reads the topic from its start to its current end before returning, so that every announcement made
     * before the service started applies to the first packet it reads. A missing topic, a refused read or
     * {@code timeout} passing ends the catch-up early, said on the log.
     */
    void catchUp(Map<String, Object> client, Duration timeout) {
        Map<String, Object> props = new HashMap<>(client);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    log.println("liquidstream: read sensor announcements on " + topic + " for " + timeout.toMillis()
                            + " ms without reaching its end; the rest apply as they are read");
                    return;
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> apply(r.key(), r.value(),
                        r.topic() + "-" + r.partition() + " offset " + r.offset()));
            }
        } catch (KafkaException e) {
            log.println("liquidstream: sensor announcements on " + topic + " could not be read at start ("
                    + e.getMessage() + "); they apply as they are read");
        }
    }

    /** Applies announcements as they arrive on {@code receiver}, from the start of the topic, until closed. */
    void follow(KafkaReceiver<String, byte[]> receiver) {
        subscription = receiver.receive().subscribe(r -> {
            apply(r.key(), r.value(), PacketDecoder.where(r));
            r.acknowledge();
        }, this::stop);
    }

    private void apply(String key, byte[] value, String where) {
        if (value == null) {
            int colon = key == null ? -1 : key.indexOf(':');
            if (colon > 0) {
                announced.withdraw(key.substring(0, colon), key.substring(colon + 1));
                mismatched.remove(key);
            }
            return;
        }
        try {
            SensorInfo info = SensorTopic.codec().decode(value);
            String modality = Modalities.name(info.getModality());
            String source = info.getSource().toString();
            SensorGeometry sensor = SensorTopic.sensor(info);
            Optional<SensorGeometry> before = announced.announce(modality, source, sensor);
            String sourceKey = SensorTopic.key(modality, source);
            SensorGeometry model = modelSensors.get(modality);
            if (model != null && !model.equals(sensor)) {
                mismatched.put(sourceKey, true);
                if (!before.equals(Optional.of(sensor))) {
                    log.println("liquidstream: source '" + source + "' announced " + sensor + " on " + where
                            + ", but the model's " + modality + " input reads " + model + ": its packets go to the "
                            + "dead-letter topic as SENSOR_MISMATCH; serve a model trained with --input " + modality
                            + "=" + sensor + "|...");
                }
            } else {
                mismatched.remove(sourceKey);
            }
        } catch (RecordDecodingException | IllegalArgumentException e) {
            undecodable.increment();
            log.println("liquidstream: skipped a sensor announcement that is not a valid SensorInfo at " + where + ": "
                    + e.getMessage());
        }
    }

    private void stop(Throwable error) {
        stopped.set(error);
        log.println("liquidstream: sensor announcements on " + topic + " are no longer read (" + error.getMessage()
                + "); packets are checked by their addresses only");
    }

    /** Why announcements stopped being read, if they did. */
    Optional<Throwable> stopped() {
        return Optional.ofNullable(stopped.get());
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.dispose();
        }
    }
}

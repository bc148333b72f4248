package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.KafkaReceiver;
import io.liquidstream.connectors.kafka.ReceiverRecord;
import io.liquidstream.connectors.sensors.SensorTopic;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.core.stream.SensorAnnouncements;
import io.liquidstream.schemas.SensorInfo;
import io.liquidstream.schemas.codec.RecordDecodingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;

/**
 * Applies the compacted sensors topic ({@link SensorTopic}) to the service's {@link SensorAnnouncements}
 * while it runs: a {@link SensorInfo} records its source's sensor, a tombstone (null value, key
 * {@code modality:source}) withdraws it. A source announced with another sensor than its modality's
 * model reads is reported once per announcement on {@code log} and counted in the
 * {@code liquidstream.sensors.mismatched} gauge; its packets are then dead-lettered as
 * {@code SENSOR_MISMATCH} by the packet reader.
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
    private final Disposable subscription;

    /**
     * @param modelSensors the sensor each served modality's model reads, by modality
     * @param log where mismatches and a stop are reported
     */
    SensorFeed(KafkaReceiver<String, byte[]> receiver, String topic, SensorAnnouncements announced,
               Map<String, SensorGeometry> modelSensors, MeterRegistry registry, PrintStream log) {
        this.announced = announced;
        this.modelSensors = Map.copyOf(modelSensors);
        this.topic = topic;
        this.log = log;
        this.undecodable = registry.counter("liquidstream.sensors.undecodable");
        registry.gauge("liquidstream.sensors.announced", announced, SensorAnnouncements::size);
        registry.gauge("liquidstream.sensors.mismatched", mismatched, Map::size);
        this.subscription = receiver.receive().subscribe(this::apply, this::stop);
    }

    private void apply(ReceiverRecord<String, byte[]> r) {
        String where = PacketDecoder.where(r);
        if (r.value() == null) {
            String key = r.key() == null ? "" : r.key();
            int colon = key.indexOf(':');
            if (colon > 0) {
                announced.withdraw(key.substring(0, colon), key.substring(colon + 1));
                mismatched.remove(key);
            }
            r.acknowledge();
            return;
        }
        try {
            SensorInfo info = SensorTopic.codec().decode(r.value());
            String modality = Modalities.name(info.getModality());
            String source = info.getSource().toString();
            SensorGeometry sensor = SensorTopic.sensor(info);
            announced.announce(modality, source, sensor);
            String key = SensorTopic.key(modality, source);
            SensorGeometry model = modelSensors.get(modality);
            if (model != null && !model.equals(sensor)) {
                mismatched.put(key, true);
                log.println("liquidstream: source '" + source + "' announced " + sensor + " on " + where + ", but the "
                        + "model's " + modality + " input reads " + model + ": its packets go to the dead-letter topic "
                        + "as SENSOR_MISMATCH; serve a model trained with --input " + modality + "=" + sensor + "|...");
            } else {
                mismatched.remove(key);
            }
        } catch (RecordDecodingException | IllegalArgumentException e) {
            undecodable.increment();
            log.println("liquidstream: skipped a sensor announcement that is not a valid SensorInfo at " + where + ": "
                    + e.getMessage());
        }
        r.acknowledge();
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
        subscription.dispose();
    }
}

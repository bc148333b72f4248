package io.liquidstream.connectors.sensors;

import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.SensorInfo;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The compacted topic on which each live source announces its sensor, one {@link SensorInfo} (Avro
 * single-object encoding) per source keyed by {@code <modality>:<source>}, so the latest announcement of
 * every source stays readable from the start of the topic. Sources announce before their first event;
 * the service compares each announcement with the sensor its model reads.
 */
public final class SensorTopic {

    /** The topic's default name. */
    public static final String DEFAULT_TOPIC = "lsm.sensors";

    private static final AvroSingleObjectCodec<SensorInfo> CODEC = AvroSingleObjectCodec.of(SensorInfo.class);

    private SensorTopic() {
    }

    /** The record key of a source's announcement. */
    public static String key(String modality, String source) {
        return modality + ":" + source;
    }

    /** The announcement of a {@code sensor} source; {@code description} may be null. */
    public static SensorInfo info(String source, Modality modality, SensorGeometry sensor, String description) {
        return SensorInfo.newBuilder().setSource(source).setModality(modality).setWidth(sensor.width())
                .setHeight(sensor.height()).setPolarities(sensor.polarities())
                .setChannels(sensor.width() * sensor.height()).setDescription(description).build();
    }

    /**
     * The sensor an announcement names.
     *
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public static SensorGeometry sensor(SensorInfo info) {
        return new SensorGeometry(info.getWidth(), info.getHeight(), info.getPolarities());
    }

    public static byte[] encode(SensorInfo info) {
        return CODEC.encode(info);
    }

    public static AvroSingleObjectCodec<SensorInfo> codec() {
        return CODEC;
    }

    /**
     * Publishes one announcement and returns once the broker has acknowledged it, creating the topic
     * (compacted, one partition, the broker's default replication) when it is missing.
     *
     * @param client Kafka client settings with {@code bootstrap.servers}
     * @throws IllegalStateException if the broker does not answer within {@code timeout} or refuses
     */
    public static void publish(Map<String, Object> client, String topic, SensorInfo info, Duration timeout) {
        ensureTopic(client, topic, timeout);
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        String key = key(Modalities.name(info.getModality()), info.getSource().toString());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, encode(info))).get(timeout.toMillis() + 5_000,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot announce sensor of source '" + info.getSource() + "' on topic "
                    + topic + " at " + client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": "
                    + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while announcing sensor on " + topic, e);
        }
    }

    private static void ensureTopic(Map<String, Object> client, String topic, Duration timeout) {
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Map<String, Object> props = new HashMap<>(client);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        try (Admin admin = Admin.create(props)) {
            if (admin.listTopics().names().get(ms + 5_000L, TimeUnit.MILLISECONDS).contains(topic)) {
                return;
            }
            NewTopic compacted = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(compacted)).all().get(ms + 5_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(client, ms, e.getCause());
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the sensors topic " + topic + " on "
                        + client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw unreachable(client, ms, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topic " + topic, e);
        }
    }

    private static IllegalStateException unreachable(Map<String, Object> client, int ms, Throwable cause) {
        return new IllegalStateException("no Kafka broker answered at " + client.get(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + " within " + ms + " ms; is one running there (e.g. "
                + "`liquidstream broker`)?", cause);
    }
}

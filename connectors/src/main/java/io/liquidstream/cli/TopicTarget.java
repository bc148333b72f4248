package io.liquidstream.cli;

import io.liquidstream.connectors.replay.KafkaReplay;
import io.liquidstream.connectors.replay.ReplaySpeed;
import io.liquidstream.connectors.sensors.SensorTopic;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.schemas.Modality;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code replay} and {@code ingest} send a source's packets: the events topic (made when missing), the
 * topic its sensor is announced on, and how long the broker may take.
 */
final class TopicTarget {

    @Option(names = "--topic", paramLabel = "T", description = "Target topic (default: lsm.events.<modality>).")
    String topic;

    @Option(names = "--partitions", defaultValue = "3",
            description = "Partitions of the topic when it must be created. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--no-create-topic", description = "Fail when the topic is missing instead of creating it.")
    boolean noCreateTopic;

    @Mixin
    BrokerTimeout broker;

    @Option(names = "--max-in-flight", defaultValue = "256", paramLabel = "PACKETS",
            description = "Packets sent but not yet acknowledged. Default: ${DEFAULT-VALUE}.")
    int maxInFlight;

    @Option(names = "--sensors-topic", defaultValue = SensorTopic.DEFAULT_TOPIC, paramLabel = "T",
            description = "Compacted topic (default: ${DEFAULT-VALUE}) on which the source's sensor is announced as a "
                    + "SensorInfo before its events are sent, so the service refuses by name a sensor its model does "
                    + "not read.")
    String sensorsTopic;

    @Option(names = "--no-sensor-info", description = "Do not announce the source's sensor.")
    boolean noSensorInfo;

    /** @throws IllegalArgumentException naming the flags, if --timeout or --max-in-flight is not positive */
    void check() {
        if (broker.timeout.isNegative() || broker.timeout.isZero() || maxInFlight < 1) {
            throw new IllegalArgumentException("--timeout and --max-in-flight must be positive, found "
                    + DurationConverter.format(broker.timeout) + " and " + maxInFlight);
        }
    }

    /** Publishes the source's SensorInfo on --sensors-topic and says so on {@code err} as {@code command}. */
    void announce(Map<String, Object> props, String source, Modality modality, SensorGeometry sensor, String description,
            PrintStream err, String command) {
        SensorTopic.publish(props, sensorsTopic, SensorTopic.info(source, modality, sensor, description), broker.timeout);
        err.println(command + ": announced " + sensor + " for source '" + source + "' on " + sensorsTopic);
    }

    /** The events topic of {@code modality}'s packets. */
    String topic(Modality modality) {
        return topic != null ? topic : "lsm.events." + Modalities.name(modality);
    }

    /**
     * The replay target at {@code speed}.
     *
     * @throws IllegalArgumentException naming the flags, if --timeout or --max-in-flight is not positive
     */
    KafkaReplay.Target target(Map<String, Object> props, Modality modality, ReplaySpeed speed) {
        check();
        return new KafkaReplay.Target(props, topic(modality), speed, !noCreateTopic, partitions, broker.timeout, maxInFlight);
    }
}

package io.liquidstream.connectors.view;

import io.liquidstream.connectors.registry.WireFormat;
import io.liquidstream.connectors.service.ServiceConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the live view reaches the cluster and where it listens.
 *
 * @param clientProperties Kafka client properties: {@code bootstrap.servers} and any security settings
 * @param host interface to bind; {@code 127.0.0.1} unless the user opens it wider
 * @param port HTTP port; 0 picks a free one
 * @param allowAnchors whether the page may publish class anchors
 * @param serviceGroup the service's consumer group, whose lag the sources table shows
 * @param anchorsMaxPerClass exemplars kept per class and modality, as the service keeps them
 * @param format how the topics' records are read: either encoding, Confluent-framed ones through the
 *     service's schema registry
 */
public record ViewSettings(Map<String, Object> clientProperties, String host, int port, boolean allowAnchors,
        String serviceGroup, String eventsTopicPrefix, String embeddingsTopicPrefix, String associationsTopic,
        String anchorsTopic, String dlqTopic, int anchorsMaxPerClass, WireFormat format) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ViewSettings {
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(clientProperties.get("bootstrap.servers"), "bootstrap.servers");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("expected a port in 0-65535, found " + port);
        }
    }

    /**
     * The view of a service configured by {@code config}: its cluster, client security, group and topic names.
     */
    public static ViewSettings of(ServiceConfig config, String host, int port, boolean allowAnchors) {
        Map<String, Object> client = new HashMap<>(config.clientProperties());
        return new ViewSettings(client, host, port, allowAnchors, config.getString(ServiceConfig.GROUP_ID),
                config.getString(ServiceConfig.EVENTS_TOPIC_PREFIX), config.getString(ServiceConfig.EMBEDDINGS_TOPIC_PREFIX),
                config.getString(ServiceConfig.ASSOCIATIONS_TOPIC), config.getString(ServiceConfig.ANCHORS_TOPIC),
                config.getString(ServiceConfig.DLQ_TOPIC), config.getInt(ServiceConfig.ANCHORS_MAX_PER_CLASS),
                config.wireFormat());
    }

    public String bootstrapServers() {
        return clientProperties.get("bootstrap.servers").toString();
    }
}

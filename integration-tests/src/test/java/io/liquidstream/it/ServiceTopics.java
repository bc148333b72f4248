package io.liquidstream.it;

import io.liquidstream.connectors.service.ServiceConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Topic and group names of one test's service, under a fresh prefix so tests never see each other's data. */
record ServiceTopics(String prefix) {

    static final String VISION = "vision";
    static final String NEURAL = "neural";

    static ServiceTopics fresh(String name) {
        return new ServiceTopics(name + "-" + UUID.randomUUID().toString().substring(0, 6) + ".");
    }

    String events(String modality) {
        return prefix + "events." + modality;
    }

    String embeddings(String modality) {
        return prefix + "embeddings." + modality;
    }

    String associations() {
        return prefix + "associations";
    }

    String dlq() {
        return prefix + "dlq";
    }

    String sensors() {
        return prefix + "sensors";
    }

    String group() {
        return prefix + "group";
    }

    /** Service settings for these topics: 3 partitions per topic, 2 rails, no metrics endpoint. */
    Map<String, Object> serviceProperties(String bootstrap, boolean exactlyOnce) {
        Map<String, Object> props = new HashMap<>();
        props.put(ServiceConfig.BOOTSTRAP_SERVERS, bootstrap);
        props.put(ServiceConfig.MODEL_PATH, "in-memory");
        props.put(ServiceConfig.GROUP_ID, group());
        props.put(ServiceConfig.EVENTS_TOPIC_PREFIX, prefix + "events.");
        props.put(ServiceConfig.EMBEDDINGS_TOPIC_PREFIX, prefix + "embeddings.");
        props.put(ServiceConfig.ASSOCIATIONS_TOPIC, associations());
        props.put(ServiceConfig.ANCHORS_TOPIC, prefix + "anchors");
        props.put(ServiceConfig.DLQ_TOPIC, dlq());
        props.put(ServiceConfig.SENSORS_TOPIC, sensors());
        props.put(ServiceConfig.TOPICS_PARTITIONS, 3);
        props.put(ServiceConfig.RAILS, 2);
        props.put(ServiceConfig.METRICS_PORT, 0);
        // a killed exactly-once instance leaves its transaction open until this expires; keep restarts quick
        props.put("transaction.timeout.ms", 10_000);
        if (exactlyOnce) {
            props.put(ServiceConfig.DELIVERY, ServiceConfig.EXACTLY_ONCE);
        }
        return props;
    }

    ServiceConfig config(String bootstrap, boolean exactlyOnce) {
        return new ServiceConfig(serviceProperties(bootstrap, exactlyOnce));
    }
}

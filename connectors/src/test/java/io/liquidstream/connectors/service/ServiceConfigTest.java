package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

    private static ServiceConfig config(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "localhost:9092",
                ServiceConfig.MODEL_PATH, "model.lsm"));
        props.putAll(extra);
        return new ServiceConfig(props);
    }

    @Test
    void givenNoSourceIdleTimeout_sourcesExpireAfterThirtySeconds() {
        assertThat(config(Map.of()).pipelineSettings().sourceIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givenASourceIdleTimeoutInMs_thePipelineExpiresSourcesAfterIt() {
        assertThat(config(Map.of(ServiceConfig.SOURCE_IDLE_TIMEOUT_MS, "1500")).pipelineSettings().sourceIdleTimeout())
                .isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void givenAZeroSourceIdleTimeout_startUpFailsNamingTheKey() {
        assertThatThrownBy(() -> config(Map.of(ServiceConfig.SOURCE_IDLE_TIMEOUT_MS, "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ServiceConfig.SOURCE_IDLE_TIMEOUT_MS);
    }

    @Test
    void givenConsumerAndProducerPrefixedKeys_eachKindOfClientGetsItsOwnOverTheSharedOnes() {
        ServiceConfig config = config(Map.of("security.protocol", "PLAINTEXT", "fetch.max.wait.ms", "100",
                "consumer.fetch.max.wait.ms", "5", "producer.linger.ms", "0"));

        assertThat(config.consumerProperties()).containsEntry("fetch.max.wait.ms", "5")
                .containsEntry("security.protocol", "PLAINTEXT").doesNotContainKeys("linger.ms", "consumer.fetch.max.wait.ms");
        assertThat(config.producerProperties()).containsEntry("linger.ms", "0")
                .containsEntry("security.protocol", "PLAINTEXT").doesNotContainKey("producer.linger.ms");
        assertThat(config.clientProperties()).containsEntry("fetch.max.wait.ms", "100")
                .doesNotContainKeys("consumer.fetch.max.wait.ms", "producer.linger.ms");
    }

    @Test
    void givenNoLinger_producersLingerOneMillisecond() {
        assertThat(config(Map.of()).producerProperties()).containsEntry("linger.ms", ServiceConfig.DEFAULT_LINGER_MS);
    }
}

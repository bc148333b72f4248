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
}

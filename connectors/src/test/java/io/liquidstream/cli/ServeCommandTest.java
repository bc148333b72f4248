package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code serve --print-config}: the settings the container's config file and the flags add up to. */
class ServeCommandTest {

    private static final String COMPOSE_CONFIG = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
            .getParent().resolve("docker/serve.properties").toString();

    @Test
    void givenTheComposeConfigFile_printConfigShowsItsBrokerModelAndAllInterfacesMetricsHost() {
        LiquidStreamCliTest.Run r = LiquidStreamCliTest.run("serve", "--config", COMPOSE_CONFIG, "--print-config");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).contains("bootstrap.servers=kafka:9092", "model.path=/models/model.lsm",
                "metrics.host=0.0.0.0", "metrics.port=9464", "delivery=at-least-once");
    }

    @Test
    void givenNoBrokerModelOrConfigFile_printConfigShowsTheDefaults() {
        LiquidStreamCliTest.Run r = LiquidStreamCliTest.run("serve", "--print-config");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).contains("bootstrap.servers=localhost:9092", "model.path=model.lsm",
                "metrics.port=9464");
    }

    @Test
    void givenASchemaRegistry_printConfigShowsTheConfluentFormatAndHidesTheRegistryPassword() {
        LiquidStreamCliTest.Run r = LiquidStreamCliTest.run("serve", "--schema-registry",
                "https://svc:secret@registry.example:8081", "--print-config");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).contains("serde.format=confluent",
                "schema.registry.url=https://[hidden]@registry.example:8081");
        assertThat(r.out()).doesNotContain("secret");
    }

    @Test
    void givenFlagsAfterTheConfigFile_theFlagsWin() {
        LiquidStreamCliTest.Run r = LiquidStreamCliTest.run("serve", "--config", COMPOSE_CONFIG, "--print-config",
                "--bootstrap-servers", "localhost:29092", "--metrics-host", "127.0.0.1", "--metrics-port", "0");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).contains("bootstrap.servers=localhost:29092", "metrics.host=127.0.0.1",
                "metrics.port=0");
    }
}

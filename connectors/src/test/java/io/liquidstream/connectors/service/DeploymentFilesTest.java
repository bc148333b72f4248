package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker/: the compose stack, Prometheus and Grafana configs agree with each other and with the service. */
class DeploymentFilesTest {

    private static JsonNode compose() throws IOException {
        return DeployFiles.yaml("compose.yaml");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theComposeStackHasTheBrokerModelServiceReplayPrometheusAndGrafana() throws IOException {
        List<String> services = new ArrayList<>();
        compose().path("services").fieldNames().forEachRemaining(services::add);

        assertThat(services).containsExactlyInAnyOrder("kafka", "model", "serve", "replay", "prometheus", "grafana");
    }

    @Test
    void everyBindMountAndBuildFileOfTheComposeStackExists() throws IOException {
        List<Path> referenced = new ArrayList<>();
        for (JsonNode service : compose().path("services")) {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    referenced.add(DeployFiles.DIR.resolve(source).normalize());
                }
            }
            JsonNode build = service.path("build");
            if (!build.isMissingNode()) {
                Path context = DeployFiles.DIR.resolve(build.path("context").asText()).normalize();
                referenced.add(context);
                referenced.add(context.resolve(build.path("dockerfile").asText()));
            }
        }

        assertThat(referenced).hasSizeGreaterThanOrEqualTo(10).allSatisfy(p -> assertThat(p).exists());
    }

    @Test
    void theBrokerIsAKraftApacheKafka4NodeThatIsItsOwnController() throws IOException {
        JsonNode kafka = compose().path("services").path("kafka");

        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:4.");
        assertThat(kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText()).contains("broker", "controller");
        assertThat(kafka.path("environment").path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText()).isEqualTo("1@kafka:9093");
    }

    @Test
    void theServiceStartsAfterAHealthyBrokerAndACompletedModelStep() throws IOException {
        JsonNode dependsOn = compose().path("services").path("serve").path("depends_on");

        assertThat(dependsOn.path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("model").path("condition").asText()).isEqualTo("service_completed_successfully");
    }

    @Test
    void theServicesConfigFileIsMountedWhereItsCommandReadsItAndIsAValidServiceConfig() throws IOException {
        JsonNode serve = compose().path("services").path("serve");
        List<String> command = texts(serve.path("command"));
        String configPath = command.get(command.indexOf("--config") + 1);
        String mountSource = texts(serve.path("volumes")).stream().filter(v -> v.split(":")[1].equals(configPath))
                .map(v -> v.split(":")[0]).findFirst().orElseThrow();

        ServiceConfig config = new ServiceConfig(DeployFiles.properties(mountSource));

        assertThat(command.get(0)).isEqualTo("serve");
        assertThat(config.getString(ServiceConfig.METRICS_HOST)).as("binds every interface in a container")
                .isEqualTo("0.0.0.0");
        assertThat(config.getList(ServiceConfig.BOOTSTRAP_SERVERS)).containsExactly("kafka:9092");
        assertThat(texts(serve.path("volumes"))).anySatisfy(v -> assertThat(config.getString(ServiceConfig.MODEL_PATH))
                .startsWith(v.split(":")[1] + "/"));
    }

    @Test
    void prometheusScrapesTheServiceOnItsMetricsPort() throws IOException {
        int port = new ServiceConfig(DeployFiles.properties("serve.properties")).getInt(ServiceConfig.METRICS_PORT);
        List<String> targets = new ArrayList<>();
        for (JsonNode job : DeployFiles.yaml("prometheus/prometheus.yml").path("scrape_configs")) {
            job.path("static_configs").forEach(c -> targets.addAll(texts(c.path("targets"))));
        }

        assertThat(targets).containsExactly("serve:" + port);
        assertThat(texts(compose().path("services").path("serve").path("ports"))).contains(port + ":" + port);
    }

    @Test
    void grafanaProvisionsThePrometheusDatasourceTheDashboardUsesAndLoadsTheDashboardFolder() throws IOException {
        JsonNode datasource = DeployFiles.yaml("grafana/provisioning/datasources/prometheus.yaml").path("datasources").get(0);
        String providerPath = DeployFiles.yaml("grafana/provisioning/dashboards/liquidstream.yaml")
                .path("providers").get(0).path("options").path("path").asText();
        List<String> grafanaMounts = texts(compose().path("services").path("grafana").path("volumes"));
        List<String> uids = new ArrayList<>();
        DeployFiles.dashboard().path("panels").forEach(p -> uids.add(p.path("datasource").path("uid").asText()));

        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(uids).isNotEmpty().containsOnly(datasource.path("uid").asText());
        assertThat(grafanaMounts).contains("./grafana/dashboards:" + providerPath + ":ro");
        assertThat(DeployFiles.DIR.resolve("grafana/dashboards")).isDirectoryContaining(p -> p.equals(DeployFiles.DASHBOARD));
    }

    @Test
    void everyDashboardPanelQueriesAtLeastOneMetric() throws IOException {
        List<Map.Entry<String, String>> expressions = DeployFiles.dashboardExpressions();

        assertThat(expressions).hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(e -> assertThat(PromqlNames.of(e.getValue())).as("%s: %s", e.getKey(), e.getValue())
                        .isNotEmpty());
    }

    @Test
    void theImageRunsAsANonRootUserWithAHealthCheckOnTheMetricsEndpoint() throws IOException {
        String dockerfile = Files.readString(DeployFiles.DIR.resolve("Dockerfile"));

        assertThat(dockerfile).containsPattern("(?m)^USER liquidstream$").containsPattern("(?m)^HEALTHCHECK ")
                .contains("GET /metrics").contains("MaxRAMPercentage").contains("javacpp.maxphysicalbytes");
    }

    @Test
    void theOperationsGuideDocumentsEveryServiceSettingWithItsDefault() throws IOException {
        String guide = Files.readString(DeployFiles.DIR.resolveSibling("docs/operations.md"));

        assertThat(ServiceConfig.definition().configKeys().values()).allSatisfy(key -> {
            String row = "| `" + key.name + "` | " + key.type.name().toLowerCase() + " | `";
            assertThat(guide).as("row of %s", key.name).contains(row);
            if (key.hasDefault() && !(key.defaultValue instanceof List<?>) && !key.name.equals(ServiceConfig.RAILS)) {
                assertThat(guide).contains(row + key.defaultValue + "` |");
            }
        });
    }
}

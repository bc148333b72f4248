package io.liquidstream.cli;

import io.liquidstream.connectors.registry.WireFormat;
import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.connectors.service.MetricsServer;
import io.liquidstream.connectors.service.ServiceConfig;
import io.liquidstream.connectors.view.LiveView;
import io.liquidstream.connectors.view.ViewSettings;
import io.liquidstream.core.bundle.ModelBundle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code liquidstream serve}: runs the streaming service until interrupted. Settings come from the
 * defaults, then {@code --config}, then {@code --kafka-config} (client settings, e.g. SASL/TLS), then
 * the flags.
 */
@Command(name = "serve", header = "The streaming service: events from Kafka in, associations out.",
        mixinStandardHelpOptions = true,
        description = {
            "Serves a model bundle on Kafka until interrupted, with a Prometheus endpoint and, with --ui-port, the "
                + "live view. Its topics by default:",
            "  in   lsm.events.<modality>       EventPackets",
            "       lsm.sensors                 SensorInfo announcements (replay makes them)",
            "  out  lsm.embeddings.<modality>   Embeddings",
            "       lsm.associations            Associations",
            "       lsm.dlq                     what it could not read, with the reason",
            "Each modality accepts the sensor its input spec names (printed at start); a camera or array of "
                + "another size needs a model trained for it, with train --input (docs/input-spec.md). A source "
                + "announced with another sensor is refused as SENSOR_MISMATCH.",
            "Settings come from their defaults, then --config, then --kafka-config, then the flags; --print-config "
                + "shows the result (every key: docs/operations.md)."
        })
final class ServeCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--model", paramLabel = "FILE", description = "Model bundle (.lsm) to serve. Default: model.lsm.")
    Path model;

    @Mixin
    RegistryOption registry;

    @Option(names = "--exactly-once", description = "Transactional delivery (read outputs with read_committed).")
    boolean exactlyOnce;

    @Option(names = "--config", paramLabel = "FILE", description = "Service properties file; --print-config lists the keys.")
    Path configFile;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = OptionTexts.METRICS_PORT + " Default: 9464.")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST",
            description = "Address the Prometheus endpoint binds to; 0.0.0.0 in a container. Default: 127.0.0.1.")
    String metricsHost;

    @Option(names = "--ui-port", paramLabel = "PORT", description = OptionTexts.UI_PORT + " Default: none, no live view.")
    Integer uiPort;

    @Option(names = "--ui-host", defaultValue = ViewSettings.DEFAULT_HOST, paramLabel = "HOST", description = OptionTexts.UI_HOST)
    String uiHost;

    @Option(names = "--allow-anchors", description = "Let the live view's page publish class anchors.")
    boolean allowAnchors;

    @Option(names = "--print-config", description = "Print the effective configuration and exit.")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> props = kafka.serviceProperties(configFile);
        if (model != null) {
            props.put(ServiceConfig.MODEL_PATH, model.toString());
        }
        if (exactlyOnce) {
            props.put(ServiceConfig.DELIVERY, ServiceConfig.EXACTLY_ONCE);
        }
        if (registry.url() != null) {
            props.put(ServiceConfig.SERDE_FORMAT, WireFormat.CONFLUENT);
            props.put(ServiceConfig.SCHEMA_REGISTRY_URL, registry.url());
        }
        if (metricsPort != null) {
            props.put(ServiceConfig.METRICS_PORT, metricsPort);
        }
        if (metricsHost != null) {
            props.put(ServiceConfig.METRICS_HOST, metricsHost);
        }
        ServiceConfig config = new ServiceConfig(props);
        if (printConfig) {
            spec.commandLine().getOut().print(config.describe());
            spec.commandLine().getOut().flush();
            return 0;
        }
        Path modelPath = Path.of(config.getString(ServiceConfig.MODEL_PATH));
        if (!Files.isRegularFile(modelPath)) {
            throw new NoSuchFileException(modelPath.toString(), null, "expected a model bundle (model.path, --model); "
                    + "write one with liquidstream train --out " + modelPath);
        }
        ModelBundle bundle = ModelBundle.read(modelPath);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        int port = config.getInt(ServiceConfig.METRICS_PORT);
        CountDownLatch stopped = new CountDownLatch(1);
        try (MetricsServer metrics = port == 0 ? null
                     : MetricsServer.start(registry, config.getString(ServiceConfig.METRICS_HOST), port);
             LiquidStreamService service = LiquidStreamService.start(config, bundle, registry);
             LiveView view = uiPort == null ? null
                     : LiveView.start(ViewSettings.of(config, uiHost, uiPort, allowAnchors), bundle)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.err.println("liquidstream: serving model " + bundle.version() + " on " + bootstrapOf(config)
                    + " in " + config.wireFormat().describe()
                    + (metrics == null ? "" : ", metrics on http://" + config.getString(ServiceConfig.METRICS_HOST)
                    + ":" + metrics.port() + "/metrics")
                    + (view == null ? "" : ", live view on " + view.url()));
            // The bundle's input specs decide which sensor each modality's packets must come from.
            bundle.modalities().forEach(m -> System.err.println("liquidstream:   " + m.name() + " input "
                    + m.input().describe()));
            while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                if (service.failure() != null) {
                    return 1;
                }
            }
        }
        return 0;
    }

    private static String bootstrapOf(ServiceConfig config) {
        return String.join(",", config.getList(ServiceConfig.BOOTSTRAP_SERVERS));
    }
}

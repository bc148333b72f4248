package io.liquidstream.cli;

import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.connectors.service.MetricsServer;
import io.liquidstream.connectors.service.ServiceConfig;
import io.liquidstream.connectors.view.LiveView;
import io.liquidstream.connectors.view.ViewSettings;
import io.liquidstream.core.bundle.ModelBundle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code liquidstream serve}: runs the streaming service until interrupted. Settings come from the
 * defaults, then {@code --config}, then {@code --kafka-config} (client settings, e.g. SASL/TLS), then
 * the flags.
 */
@Command(name = "serve", header = "Serve a model bundle on Kafka.", mixinStandardHelpOptions = true,
        description = {"Serves a model bundle on Kafka: lsm.events.<modality> in; embeddings, associations and DLQ out.",
            "Each modality accepts the sensor its input spec names (printed at start); a camera or array of another",
            "size needs a model trained for it: train --input 'vision=sensor(W,H,2)|downsample(FX,FY)|fixed(50)'.",
            "Sources announced on lsm.sensors (replay does) with another sensor are refused as SENSOR_MISMATCH."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", description = "Kafka brokers HOST:PORT[,...].")
    String bootstrap;

    @Option(names = "--model", description = "Model bundle (.lsm).")
    Path model;

    @Option(names = "--exactly-once", description = "Transactional delivery (read outputs with read_committed).")
    boolean exactlyOnce;

    @Option(names = "--kafka-config", description = "Kafka client properties (security settings pass through).")
    Path kafkaConfig;

    @Option(names = "--config", description = "Service properties file; see --print-config for the keys.")
    Path configFile;

    @Option(names = "--metrics-port", description = "Prometheus endpoint port (0: off). Default 9464.")
    Integer metricsPort;

    @Option(names = "--metrics-host", description = "Address the Prometheus endpoint binds to; 0.0.0.0 in a container. "
            + "Default 127.0.0.1.")
    String metricsHost;

    @Option(names = "--ui-port", paramLabel = "PORT",
            description = "Also serve the live view in the browser on this port (0: any free port; absent: off).")
    Integer uiPort;

    @Option(names = "--ui-host", defaultValue = ViewSettings.DEFAULT_HOST,
            description = "Address the live view binds to. Default: ${DEFAULT-VALUE}.")
    String uiHost;

    @Option(names = "--allow-anchors", description = "Let the live view's page publish class anchors.")
    boolean allowAnchors;

    @Option(names = "--print-config", description = "Print the effective configuration and exit.")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> props = new HashMap<>();
        load(configFile, props);
        load(kafkaConfig, props);
        if (bootstrap != null) {
            props.put(ServiceConfig.BOOTSTRAP_SERVERS, bootstrap);
        }
        if (model != null) {
            props.put(ServiceConfig.MODEL_PATH, model.toString());
        }
        if (exactlyOnce) {
            props.put(ServiceConfig.DELIVERY, ServiceConfig.EXACTLY_ONCE);
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
        ModelBundle bundle = ModelBundle.read(Path.of(config.getString(ServiceConfig.MODEL_PATH)));
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

    static void load(Path file, Map<String, Object> into) throws IOException {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        p.forEach((k, v) -> into.put(k.toString(), v));
    }
}

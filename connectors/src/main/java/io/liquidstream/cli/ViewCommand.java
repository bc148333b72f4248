package io.liquidstream.cli;

import io.liquidstream.connectors.service.ServiceConfig;
import io.liquidstream.connectors.view.LiveView;
import io.liquidstream.connectors.view.ViewSettings;
import io.liquidstream.core.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code liquidstream view}: the live view in the browser, reading a cluster's LiquidStream topics, until
 * interrupted.
 */
@Command(name = "view", header = "The live view in the browser, on any cluster.", mixinStandardHelpOptions = true,
        description = "Serves a page that shows, live, what the service does: sources and their events (a decaying "
                + "frame for cameras, a channel raster for cochleas and electrode arrays), the reservoir's spikes for "
                + "the latest window (with --model), the embedding space, associations with accuracy, latency and dead "
                + "letters; and, with --allow-anchors, registers a new class from recent windows. Reads only Kafka "
                + "topics, so it works against any number of service instances and never slows the pipeline.")
final class ViewCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = {"--ui-port", "--port"}, defaultValue = "" + ViewSettings.DEFAULT_PORT, paramLabel = "PORT",
            description = OptionTexts.UI_PORT + " --port is an alias. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = {"--ui-host", "--host"}, defaultValue = ViewSettings.DEFAULT_HOST, paramLabel = "HOST",
            description = OptionTexts.UI_HOST)
    String host;

    @Option(names = "--model", paramLabel = "FILE",
            description = "The service's model bundle: shows the reservoir and places raw-event anchors on the map.")
    Path model;

    @Option(names = "--allow-anchors", description = "Let the page publish class anchors (register a class live).")
    boolean allowAnchors;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The service's properties (group.id, topic names) when they differ from the defaults.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> props = kafka.serviceProperties(configFile);
        ServiceConfig config = new ServiceConfig(props);
        ModelBundle bundle = model == null ? null : ModelBundle.read(model);
        CountDownLatch stopped = new CountDownLatch(1);
        try (LiveView view = LiveView.start(ViewSettings.of(config, host, port, allowAnchors), bundle)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.err.println("liquidstream: live view of " + String.join(",", config.getList(ServiceConfig.BOOTSTRAP_SERVERS)) + " on " + view.url()
                    + (allowAnchors ? " (registering classes allowed)" : "") + "; Ctrl-C stops it");
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                // Serving until interrupted.
            }
        }
        return 0;
    }
}

package io.liquidstream.connectors.view;

import io.liquidstream.connectors.anchors.AnchorTopic;
import io.liquidstream.core.bundle.ModelBundle;
import java.time.Duration;

/**
 * The live view in the browser: one page that shows, as they happen, the sources and their events, what the
 * reservoir did with the latest window, the embedding space, the associations with accuracy and latency,
 * the service's health, and lets a person register a new class from recent windows.
 *
 * <p>It reads everything from the Kafka topics (so it works against any cluster and any number of service
 * instances) and never takes part in the pipeline: its consumer is a bystander that skips ahead when it
 * falls behind, its buffers are bounded and drop the oldest, and what it pushes is decimated to what a
 * screen shows. With the model bundle it also runs the reservoir for the page and places raw-event anchors
 * on the map; without one, those panels say so.
 */
public final class LiveView implements AutoCloseable {

    private final TopicTap tap;
    private final ServiceLag lag;
    private final ViewServer server;
    private final ViewSettings settings;

    private LiveView(ViewSettings settings, TopicTap tap, ServiceLag lag, ViewServer server) {
        this.settings = settings;
        this.tap = tap;
        this.lag = lag;
        this.server = server;
    }

    /**
     * Starts reading the topics and serving the page.
     *
     * @param bundle the model the service runs, or null to view without reservoir and raw-anchor placement
     * @throws IllegalStateException if the port cannot be bound (with the host and port in the message)
     */
    public static LiveView start(ViewSettings settings, ModelBundle bundle) {
        ViewState state = new ViewState(new AnchorBoard(bundle, settings.anchorsMaxPerClass()));
        TopicTap tap = new TopicTap(settings, state);
        ServiceLag lag = new ServiceLag(settings.clientProperties(), settings.serviceGroup());
        AnchorTopic anchors = settings.allowAnchors()
                ? new AnchorTopic(settings.clientProperties(), settings.anchorsTopic(), Duration.ofSeconds(10)) : null;
        String version = LiveView.class.getPackage().getImplementationVersion();
        ViewServer server = new ViewServer(settings, state, lag, anchors, version == null ? "dev" : version);
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            lag.close();
            throw new IllegalStateException("cannot serve the live view on " + settings.host() + ":" + settings.port()
                    + ": " + rootMessage(e), e);
        }
        tap.start();
        return new LiveView(settings, tap, lag, server);
    }

    /** Where the page is, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + server.port() + "/";
    }

    public int port() {
        return server.port();
    }

    /** Records the view skipped because it fell behind the topics; 0 while it keeps up. */
    public long skippedRecords() {
        return tap.skipped();
    }

    @Override
    public void close() {
        server.close();
        tap.close();
        lag.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}

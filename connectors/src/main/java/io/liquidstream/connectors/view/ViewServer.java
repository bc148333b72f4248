package io.liquidstream.connectors.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import io.liquidstream.connectors.anchors.AnchorTopic;
import io.liquidstream.core.event.SensorGeometry;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The page and its feeds over HTTP ({@code docs/view-protocol.md}): static files, {@code /api/info},
 * {@code POST /api/anchors}, and two server-sent-event streams pushed from {@link ViewState}: the overview
 * every {@value #OVERVIEW_MILLIS} ms and the chosen source's events every {@value #EVENTS_MILLIS} ms.
 *
 * <p>A page that reads slowly costs only itself: each client has at most one message in flight; a tick that
 * finds it busy skips it (its events are thinned and counted as dropped in the next message), so nothing
 * queues up behind a slow socket and nothing here ever waits on the pipeline.
 */
final class ViewServer implements AutoCloseable {

    static final long OVERVIEW_MILLIS = 500;
    static final long EVENTS_MILLIS = 40;
    static final int EVENTS_PER_MESSAGE = 4_000;
    private static final long LAG_MILLIS = 2_000;

    private final ViewSettings settings;
    private final ViewState state;
    private final ServiceLag lag;
    private final AnchorTopic anchorTopic;
    private final String version;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Subscriber> overviews = new CopyOnWriteArrayList<>();
    private final List<SourceSubscriber> watchers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2, named("liquidstream-view-tick"));
    // Rejections throw (and clear the client's busy flag in offer), so a full queue never strands a client.
    private final ThreadPoolExecutor sends = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256), named("liquidstream-view-send"));
    private final Javalin app;

    ViewServer(ViewSettings settings, ViewState state, ServiceLag lag, AnchorTopic anchorTopic, String version) {
        this.settings = settings;
        this.state = state;
        this.lag = lag;
        this.anchorTopic = anchorTopic;
        this.version = version;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            QueuedThreadPool pool = new QueuedThreadPool(32, 2);
            pool.setName("liquidstream-view-http");
            config.jetty.threadPool = pool;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/io/liquidstream/view";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.routes.before(this::requireKnownHost);
            config.routes.get("/api/info", this::info);
            config.routes.post("/api/anchors", this::registerClass);
            config.routes.before("/stream/source", ctx -> {
                String id = ctx.queryParam("id");
                if (id == null || !state.sources().knows(id)) {
                    throw new NotFoundResponse("no source '" + id + "' on the events topics in the last minute");
                }
            });
            config.routes.sse("/stream/overview", this::overviewStream);
            config.routes.sse("/stream/source", this::sourceStream);
        });
    }

    void start() {
        app.start(settings.host(), settings.port());
        ticks.scheduleAtFixedRate(this::pushOverview, 0, OVERVIEW_MILLIS, TimeUnit.MILLISECONDS);
        ticks.scheduleAtFixedRate(this::pushEvents, EVENTS_MILLIS, EVENTS_MILLIS, TimeUnit.MILLISECONDS);
        ticks.scheduleAtFixedRate(lag::refresh, 0, LAG_MILLIS, TimeUnit.MILLISECONDS);
    }

    int port() {
        return app.port();
    }

    private void info(Context ctx) throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("bootstrapServers", settings.bootstrapServers());
        m.put("allowAnchors", settings.allowAnchors());
        m.put("reservoir", state.reservoirAvailable());
        m.put("modelVersion", state.anchors().modelVersion());
        m.put("modalities", List.copyOf(state.anchors().models().keySet()));
        Map<String, Object> topics = new LinkedHashMap<>();
        topics.put("events", settings.eventsTopicPrefix());
        topics.put("embeddings", settings.embeddingsTopicPrefix());
        topics.put("associations", settings.associationsTopic());
        topics.put("anchors", settings.anchorsTopic());
        topics.put("dlq", settings.dlqTopic());
        m.put("topics", topics);
        ctx.contentType("application/json").result(json.writeValueAsString(m));
    }

    private void registerClass(Context ctx) throws JsonProcessingException {
        if (!settings.allowAnchors() || anchorTopic == null) {
            fail(ctx, HttpStatus.FORBIDDEN, "registering classes is off: start the view with --allow-anchors");
            return;
        }
        // A JSON body and a same-origin page: another site open in the browser cannot post here unasked.
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            fail(ctx, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "expected Content-Type application/json, found " + type);
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
            fail(ctx, HttpStatus.FORBIDDEN, "expected a request from this page, found Origin " + origin);
            return;
        }
        AnchorRequest request;
        AnchorRequest.Plan plan;
        try {
            request = json.readValue(ctx.body(), AnchorRequest.class);
            plan = request.plan(state.windows(), state.sources(), System.currentTimeMillis() * 1000);
        } catch (JsonProcessingException e) {
            fail(ctx, HttpStatus.BAD_REQUEST, "expected {\"classLabel\": N, \"className\": \"...\", \"windows\": [ids]}, "
                    + "found " + e.getOriginalMessage());
            return;
        } catch (IllegalArgumentException e) {
            fail(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        try {
            anchorTopic.publish(plan.anchors());
        } catch (IllegalStateException e) {
            fail(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        ctx.contentType("application/json").result(json.writeValueAsString(AnchorRequest.answer(plan)));
    }

    /**
     * Refuses requests addressed to a host name the view does not answer to: a page of another site whose name
     * was made to resolve to this machine (DNS rebinding) would otherwise count as same-origin. Bound to a
     * wildcard address, the user opened the view to the network and any name is accepted.
     */
    private void requireKnownHost(Context ctx) {
        String bind = settings.host();
        if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
            return;
        }
        String host = ctx.header("Host");
        String name = host == null ? "" : host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        if (!(name.equalsIgnoreCase("localhost") || name.equals("127.0.0.1") || name.equals("[::1]")
                || name.equalsIgnoreCase(bind) || ("[" + bind + "]").equalsIgnoreCase(name))) {
            throw new io.javalin.http.ForbiddenResponse("expected a request to " + bind + " or localhost, found Host "
                    + host);
        }
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI o = URI.create(origin);
            return host != null && (o.getHost() + (o.getPort() >= 0 ? ":" + o.getPort() : "")).equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void fail(Context ctx, HttpStatus status, String message) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(json.writeValueAsString(Map.of("error", message)));
    }

    private void overviewStream(SseClient client) {
        client.keepAlive();
        Subscriber s = new Subscriber(client);
        overviews.add(s);
        client.onClose(() -> overviews.remove(s));
    }

    private void sourceStream(SseClient client) {
        String source = client.ctx().queryParam("id");
        EventRing ring = state.sources().watch(source).orElse(null);
        if (ring == null) {
            client.close();
            return;
        }
        client.keepAlive();
        SourceSubscriber s = new SourceSubscriber(client, source, ring);
        watchers.add(s);
        client.onClose(() -> {
            if (watchers.remove(s)) {
                state.sources().unwatch(source);
            }
        });
    }

    private void pushOverview() {
        try {
            if (overviews.isEmpty()) {
                return;
            }
            String body = json.writeValueAsString(state.overview(System.currentTimeMillis(), lag));
            for (Subscriber s : overviews) {
                s.offer("overview", body);
            }
        } catch (RuntimeException | JsonProcessingException e) {
            // A tick that fails is skipped; the scheduler must keep the next ones coming.
        }
    }

    private void pushEvents() {
        for (SourceSubscriber s : watchers) {
            try {
                s.tick();
            } catch (RuntimeException | JsonProcessingException e) {
                // As above: one bad tick for one page never stops the others.
            }
        }
    }

    /** One open event stream with at most one message in flight. */
    private class Subscriber {
        final SseClient client;
        final AtomicBoolean busy = new AtomicBoolean();

        Subscriber(SseClient client) {
            this.client = client;
        }

        boolean offer(String event, String body) {
            if (client.terminated() || !busy.compareAndSet(false, true)) {
                return false;
            }
            try {
                sends.execute(() -> {
                    try {
                        client.sendEvent(event, body);
                    } finally {
                        busy.set(false);
                    }
                });
                return true;
            } catch (RuntimeException e) {
                busy.set(false);
                return false;
            }
        }

        boolean busy() {
            return busy.get();
        }
    }

    private final class SourceSubscriber extends Subscriber {
        final String source;
        final EventRing ring;
        long cursor;
        long rasterVersion;

        SourceSubscriber(SseClient client, String source, EventRing ring) {
            super(client);
            this.source = source;
            this.ring = ring;
            this.cursor = ring.head();
        }

        void tick() throws JsonProcessingException {
            if (busy()) {
                return;
            }
            ViewState.Raster raster = state.raster(source).orElse(null);
            if (raster != null && raster.version() > rasterVersion) {
                if (offer("reservoir", json.writeValueAsString(raster.body()))) {
                    rasterVersion = raster.version();
                }
                return;
            }
            EventRing.Slice slice = ring.since(cursor, EVENTS_PER_MESSAGE);
            if (slice.size() == 0 && slice.dropped() == 0) {
                return;
            }
            if (offer("events", json.writeValueAsString(message(slice)))) {
                cursor = slice.cursor();
            }
        }

        private Map<String, Object> message(EventRing.Slice slice) {
            SensorGeometry g = state.sources().geometry(source);
            boolean planar = g.height() > 1;
            long base = slice.size() > 0 ? slice.t()[0] : 0;
            int[] t = new int[slice.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = (int) Math.min(Integer.MAX_VALUE, slice.t()[i] - base);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", source);
            m.put("modality", state.sources().modality(source));
            m.put("width", planar ? g.width() : 0);
            m.put("height", planar ? g.height() : 0);
            m.put("channels", planar ? 0 : g.width());
            m.put("t", t);
            m.put("x", slice.x());
            m.put("y", planar ? slice.y() : new int[0]);
            m.put("p", planar ? slice.p() : new int[0]);
            m.put("dropped", slice.dropped());
            m.put("spanMicros", t.length == 0 ? 0 : t[t.length - 1]);
            return m;
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        for (Subscriber s : Set.copyOf(overviews)) {
            s.client.close();
        }
        for (SourceSubscriber s : List.copyOf(watchers)) {
            s.client.close();
        }
        app.stop();
        sends.shutdownNow();
    }
}

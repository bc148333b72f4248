package io.liquidstream.connectors.service;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves the registry in Prometheus text format on {@code GET /metrics} (JDK HTTP server, one thread),
 * with the JVM's and the process's own meters ({@link ProcessMetrics}) added to it.
 */
public final class MetricsServer implements AutoCloseable {

    private final HttpServer server;
    private final ProcessMetrics process;

    private MetricsServer(HttpServer server, ProcessMetrics process) {
        this.server = server;
        this.process = process;
    }

    /** Binds {@code host:port} (port 0 picks a free one) and starts serving. */
    public static MetricsServer start(PrometheusMeterRegistry registry, String host, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
            server.createContext("/metrics", exchange -> {
                byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            ProcessMetrics process = ProcessMetrics.bindTo(registry);
            server.start();
            return new MetricsServer(server, process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        process.close();
    }
}

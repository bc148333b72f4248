package io.liquidstream.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A service's Prometheus endpoint read the way Prometheus reads it, so that a test can tell what one
 * instance of several did (Kafka outputs do not say which instance wrote them).
 */
record MetricsScrape(int port) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A port nothing listens on now, for a child service's {@code metrics.port}. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free local port for a metrics endpoint", e);
        }
    }

    /** Sum over all label sets of the samples named {@code name} (e.g. {@code liquidstream_associations_total}). */
    double sum(String name) {
        double total = 0;
        for (String line : scrape().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private String scrape() {
        URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
        try {
            HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = r.body()) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                if (r.statusCode() != 200) {
                    throw new AssertionError("expected 200 from " + uri + ", got " + r.statusCode() + ": " + text);
                }
                return text;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scrape " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while scraping " + uri, e);
        }
    }
}

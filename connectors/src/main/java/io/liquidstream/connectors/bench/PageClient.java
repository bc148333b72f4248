package io.liquidstream.connectors.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an open live-view page asks of the server, without a browser: the overview stream and one source's
 * event stream, read as fast as they come and discarded. The benchmark opens one to measure the view's cost
 * on the pipeline.
 */
final class PageClient implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Thread overview;
    private final Thread source;
    private volatile boolean running = true;

    PageClient(String url, String sourceId) {
        overview = reader(url + "stream/overview");
        source = reader(url + "stream/source?id=" + java.net.URLEncoder.encode(sourceId, StandardCharsets.UTF_8));
        overview.start();
        source.start();
    }

    long messages() {
        return messages.get();
    }

    long bytes() {
        return bytes.get();
    }

    private Thread reader(String url) {
        Thread t = new Thread(() -> {
            while (running) {
                try {
                    HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
                    if (r.statusCode() != 200) {
                        // The source is not on the topics yet: a page would pick it once it is listed.
                        r.body().close();
                        Thread.sleep(500);
                        continue;
                    }
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); running && line != null; line = lines.readLine()) {
                            bytes.addAndGet(line.length() + 1);
                            if (line.startsWith("event:")) {
                                messages.incrementAndGet();
                            }
                        }
                    }
                    // The stream ended (the source went quiet): reconnect as a page's EventSource would, not at once.
                    Thread.sleep(500);
                } catch (IOException e) {
                    sleepQuietly();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-page-client");
        t.setDaemon(true);
        return t;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        overview.interrupt();
        source.interrupt();
    }
}

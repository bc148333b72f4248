package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.service.ServiceConfig;
import io.liquidstream.connectors.view.LiveView;
import io.liquidstream.connectors.view.ViewSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live view's HTTP surface without a browser: what it refuses and why. The page is one client of it; a
 * script or another site in the same browser is another, so everything sent to it is checked.
 */
class LiveViewApiTest {

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void givenAViewWithoutAnchorsOrModel_infoSaysSoAndRegisteringIsRefused() throws Exception {
        try (LiveView view = LiveView.start(settings("api-off", false), null)) {
            HttpResponse<String> info = get(view.url() + "api/info");
            HttpResponse<String> post = post(view.url() + "api/anchors", "application/json", null,
                    "{\"classLabel\": 8, \"windows\": [\"w0\"]}");

            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.body()).contains("\"allowAnchors\":false", "\"reservoir\":false",
                    "\"bootstrapServers\":\"" + kafka.bootstrapServers() + "\"");
            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(post.body()).contains("start the view with --allow-anchors");
        }
    }

    @Test
    void givenAnchorsAllowed_badRequestsAreRefusedSayingWhatWasExpected() throws Exception {
        try (LiveView view = LiveView.start(settings("api-on", true), null)) {
            String url = view.url() + "api/anchors";

            HttpResponse<String> plain = post(url, "text/plain", null, "{\"classLabel\": 8, \"windows\": [\"w0\"]}");
            HttpResponse<String> crossSite = post(url, "application/json", "http://evil.example",
                    "{\"classLabel\": 8, \"windows\": [\"w0\"]}");
            HttpResponse<String> garbage = post(url, "application/json", null, "{classLabel: ");
            HttpResponse<String> unknown = post(url, "application/json", null, "{\"classLabel\": 8, \"windows\": [\"w7\"]}");
            HttpResponse<String> badClass = post(url, "application/json", null, "{\"classLabel\": 5000, \"windows\": [\"w7\"]}");
            String rebound = rawRequest(view.port(), "POST /api/anchors HTTP/1.1\r\nHost: evil.example:" + view.port()
                    + "\r\nOrigin: http://evil.example:" + view.port() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");

            assertThat(plain.statusCode()).isEqualTo(415);
            assertThat(crossSite.statusCode()).isEqualTo(403);
            assertThat(crossSite.body()).contains("found Origin http://evil.example");
            assertThat(garbage.statusCode()).isEqualTo(400);
            assertThat(garbage.body()).contains("expected {\\\"classLabel\\\"");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("found 'w7'");
            assertThat(badClass.statusCode()).isEqualTo(400);
            assertThat(badClass.body()).contains("0-1023, found 5000");
            assertThat(rebound).as("a site rebinding its name to this machine").startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void anUnknownSourceStreamIsNotFound_andTheOverviewStreamsServerSentEvents() throws Exception {
        try (LiveView view = LiveView.start(settings("api-sse", false), null)) {
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(view.url() + "stream/source?id=nobody"))
                    .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(404);

            HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(
                            URI.create(view.url() + "stream/overview")).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/event-stream"));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).isEqualTo("event: overview");
                assertThat(lines.readLine()).startsWith("data: {\"nowMillis\":").contains("\"sources\":[]",
                        "\"latencyHistogram\"");
            }
        }
    }

    private static ViewSettings settings(String name, boolean allowAnchors) {
        ServiceConfig config = ServiceTopics.fresh(name).config(kafka.bootstrapServers(), false);
        return ViewSettings.of(config, ViewSettings.DEFAULT_HOST, 0, allowAnchors);
    }

    /** A request written byte for byte, for headers java.net.http will not send (Host). */
    private static String rawRequest(int port, String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String type, String origin, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser harness itself, on tiny pages served from 127.0.0.1: it sees what a canvas drew, collects the
 * console's errors and warnings, takes screenshots, and leaves nothing behind.
 */
class HeadlessChromiumTest {

    private static final Map<String, String> PAGES = Map.of(
            "/red-square.html", page("<canvas id='raster' width='200' height='100'></canvas><script>"
                    + "const c = document.getElementById('raster').getContext('2d');"
                    + "c.fillStyle = 'red'; c.fillRect(120, 40, 30, 30);</script>"),
            "/blank-canvas.html", page("<canvas id='raster' width='200' height='100'></canvas>"),
            "/filled-canvas.html", page("<canvas id='raster' width='200' height='100'></canvas><script>"
                    + "const c = document.getElementById('raster').getContext('2d');"
                    + "c.fillStyle = 'rgb(16, 32, 48)'; c.fillRect(0, 0, 200, 100);</script>"),
            "/console-error.html", page("<p>logs an error</p><script>console.error('boom');</script>"),
            "/console-warning.html", page("<p>logs a warning</p><script>console.warn('careful');</script>"),
            "/missing-script.html", page("<p>loads a script that is not there</p><script src='/missing.js'></script>"),
            "/uncaught.html", page("<p>throws</p><script>throw new Error('kaboom');</script>"),
            "/clean.html", page("<p>nothing to report</p><script>console.log('all well');</script>"));

    private static HttpServer server;

    @BeforeAll
    static void servePages() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String html = PAGES.get(exchange.getRequestURI().getPath());
            byte[] body = (html == null ? "not found" : html).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(html == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServing() {
        server.stop(0);
    }

    @Test
    void givenACanvasWithADrawing_findsNonBackgroundPixels() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            open(chromium, "/red-square.html");

            assertThat(chromium.canvasHasNonBackgroundPixels("raster")).isTrue();
        }
    }

    @Test
    void givenABlankCanvas_findsOnlyBackground() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            open(chromium, "/blank-canvas.html");

            assertThat(chromium.canvasHasNonBackgroundPixels("raster")).isFalse();
        }
    }

    @Test
    void givenABackgroundColour_comparesEveryPixelWithItAlphaIncluded() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            open(chromium, "/filled-canvas.html");

            assertThat(chromium.canvasHasNonBackgroundPixels("raster", new Color(16, 32, 48))).isFalse();
            assertThat(chromium.canvasHasNonBackgroundPixels("raster", Color.BLACK)).isTrue();
            assertThat(chromium.canvasHasNonBackgroundPixels("raster", new Color(16, 32, 48, 0))).isTrue();
        }
    }

    @Test
    void givenNoCanvasOfThatId_failsNamingIt() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            open(chromium, "/red-square.html");

            assertThatThrownBy(() -> chromium.canvasHasNonBackgroundPixels("missing"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("<canvas id=\"missing\">");
        }
    }

    @Test
    void givenAPageThatLogsAConsoleError_collectsIt() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            open(chromium, "/console-error.html");

            assertThat(chromium.consoleErrors()).singleElement().asString().contains("boom");
            assertThat(chromium.consoleWarnings()).isEmpty();
        }
    }

    @Test
    void givenAPageThatThrows_collectsTheUncaughtExceptionAsAnError() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            open(chromium, "/uncaught.html");

            assertThat(chromium.consoleErrors()).singleElement().asString().contains("kaboom");
        }
    }

    @Test
    void givenAPageThatWarns_collectsTheWarningApartFromTheErrors() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            open(chromium, "/console-warning.html");

            assertThat(chromium.consoleWarnings()).singleElement().asString().contains("careful");
            assertThat(chromium.consoleErrors()).isEmpty();
        }
    }

    @Test
    void givenACleanPage_collectsNoConsoleErrorsOrWarnings() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            open(chromium, "/clean.html");

            assertThat(chromium.consoleErrors()).isEmpty();
            assertThat(chromium.consoleWarnings()).isEmpty();
        }
    }

    @Test
    void givenAMissingScript_collectsTheFailedLoadAsAnError() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            open(chromium, "/missing-script.html");

            assertThat(chromium.consoleErrors()).singleElement().asString().contains("/missing.js", "404");
        }
    }

    @Test
    void givenAPage_savesTheWindowAsAPngScreenshot(@TempDir Path dir) throws IOException {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            open(chromium, "/red-square.html");

            Path png = chromium.screenshot(dir.resolve("shots/red-square.png"));

            byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
            assertThat(Files.readAllBytes(png)).startsWith(signature);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(HeadlessChromium.WIDTH);
            assertThat(image.getHeight()).isEqualTo(HeadlessChromium.HEIGHT);
            // the square's centre: the body's 8 px margin, then 120 + 15 across and 40 + 15 down the canvas
            assertThat(new Color(image.getRGB(8 + 135, 8 + 55))).isEqualTo(Color.RED);
        }
    }

    @Test
    void givenAClosedBrowser_itsTemporaryDirectoryIsGone() {
        long startedAt = System.nanoTime();
        HeadlessChromium chromium = HeadlessChromium.start();
        long startedIn = System.nanoTime() - startedAt;
        @SuppressWarnings("unchecked")
        Map<String, Object> chrome = (Map<String, Object>) chromium.driver().getCapabilities().getCapability("chrome");
        Path profile = Path.of((String) chrome.get("userDataDir"));
        assertThat(profile).isDirectory();
        Path temporary = profile.getParent();

        long closingAt = System.nanoTime();
        chromium.close();
        long closedIn = System.nanoTime() - closingAt;

        assertThat(temporary).doesNotExist();
        Report.line("headless chromium", String.format("started in %.2f s, closed in %.2f s", startedIn / 1e9,
                closedIn / 1e9));
    }

    private static void open(HeadlessChromium chromium, String path) {
        chromium.driver().get("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    // An empty inline icon: without one the browser asks for /favicon.ico and logs its 404 as a console error.
    private static String page(String body) {
        return "<!doctype html><html><head><meta charset='utf-8'><link rel='icon' href='data:,'></head><body>"
                + body + "</body></html>";
    }
}

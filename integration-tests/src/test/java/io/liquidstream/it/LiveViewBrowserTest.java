package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.connectors.service.ServiceConfig;
import io.liquidstream.connectors.view.LiveView;
import io.liquidstream.connectors.view.ViewSettings;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The live view in a real browser (Debian's headless chromium) against the embedded broker, a running service
 * and live traffic: what a person opening the page must see, and the live zero-shot loop of registering a
 * class from the page.
 *
 * <p>The traffic repeats two fixed event patterns, labelled 3 and 8, from a camera and an electrode array. The
 * model's heads are untrained, so nothing is recognised until a class is registered; once a window of pattern 8
 * is registered as class 8 from the page, later windows of pattern 8 embed to the same vector and the service
 * must name them 8.
 */
class LiveViewBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @Test
    void givenLiveTraffic_thePageShowsItAndRegisteringAClassMakesLaterAssociationsNameIt() throws Exception {
        ServiceTopics topics = ServiceTopics.fresh("view");
        ServiceConfig config = topics.config(kafka.bootstrapServers(), false);
        ModelBundle bundle = TestModel.bundle();
        try (LiquidStreamService service = LiquidStreamService.start(config, bundle, new SimpleMeterRegistry());
             LiveView view = LiveView.start(ViewSettings.of(config, ViewSettings.DEFAULT_HOST, 0, true), bundle);
             PatternTraffic traffic = new PatternTraffic(kafka.bootstrapServers(), topics);
             HeadlessChromium chromium = HeadlessChromium.start()) {
            traffic.start();
            chromium.driver().get(view.url());

            Await.until("the events canvas to draw a live frame of the camera", WAIT,
                    () -> chromium.canvasHasNonBackgroundPixels("event-canvas"));
            double fps = framesPerSecond(chromium);
            assertThat(fps).as("live frames of the camera per second").isGreaterThanOrEqualTo(20);
            Await.until("the reservoir raster of the camera's latest window", WAIT,
                    () -> chromium.canvasHasNonBackgroundPixels("reservoir-canvas"));
            Await.until("associations of labelled windows in the feed", WAIT, () -> !feed(chromium, "8").isEmpty());
            assertThat(feed(chromium, "8")).as("no class 8 is known before it is registered")
                    .allSatisfy(row -> assertThat(row.get("predicted")).isNotEqualTo("8"));

            registerFromThePage(chromium, "8", "eight");

            Await.until("an association of a later pattern-8 window that names class 8", WAIT,
                    () -> feed(chromium, "8").stream().anyMatch(r -> "8".equals(r.get("predicted"))));
            Map<String, String> named = feed(chromium, "8").stream()
                    .filter(r -> "8".equals(r.get("predicted"))).findFirst().orElseThrow();
            assertThat(named.get("trained")).as("a class registered at run time").isEqualTo("false");
            assertThat(named.get("text")).contains("eight");

            chromium.screenshot(Path.of("target", "live-view.png"));
            assertThat(chromium.consoleErrors()).as("console errors").isEmpty();
            Report.line("live view", String.format("page at %s drew %.0f camera frames/s and the reservoir, registered "
                    + "class 8 from the page and saw it named; records the view skipped: %d", view.url(), fps,
                    view.skippedRecords()));
        }
    }

    /** Ticks the first listed window labelled {@code label}, names the class and submits; waits for the answer. */
    private static void registerFromThePage(HeadlessChromium chromium, String label, String name) {
        Await.until("a window labelled " + label + " with its events in the register list", WAIT,
                () -> windowPick(chromium, label) != null);
        // The page never re-creates a window's checkbox, so its id finds the same element to click.
        chromium.driver().findElement(By.cssSelector("input.window-pick[data-id='" + windowPick(chromium, label) + "']"))
                .click();
        chromium.driver().findElement(By.id("register-class")).clear();
        chromium.driver().findElement(By.id("register-class")).sendKeys(label);
        chromium.driver().findElement(By.id("register-name")).sendKeys(name);
        chromium.driver().findElement(By.id("register-submit")).click();
        Await.until("the page to report the published anchor", WAIT,
                () -> chromium.driver().findElement(By.id("register-result")).getText().toLowerCase().contains("published"));
    }

    /** Frames the page drew on the events canvas in two seconds of live traffic, per second. */
    private static double framesPerSecond(HeadlessChromium chromium) {
        long before = ((Number) chromium.driver().executeScript(
                "return document.getElementById('event-canvas').framesDrawn || 0;")).longValue();
        long start = System.nanoTime();
        Await.pause(Duration.ofSeconds(2));
        long after = ((Number) chromium.driver().executeScript(
                "return document.getElementById('event-canvas').framesDrawn || 0;")).longValue();
        return (after - before) / ((System.nanoTime() - start) / 1e9);
    }

    /** The id of a listed camera window labelled {@code label} whose events the view holds, or null. */
    private static String windowPick(HeadlessChromium chromium, String label) {
        return (String) chromium.driver().executeScript("""
                const box = [...document.querySelectorAll("input.window-pick[data-modality='vision']")]
                    .find(b => b.dataset.label === arguments[0] && b.dataset.events !== '0');
                return box ? box.dataset.id : null;""", label);
    }

    /** The feed's rows of queries labelled {@code label}, read in one go (the page refreshes them twice a second). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> feed(HeadlessChromium chromium, String label) {
        return (List<Map<String, String>>) chromium.driver().executeScript("""
                return [...document.querySelectorAll('#association-feed tr')]
                    .filter(r => r.dataset.label === arguments[0])
                    .map(r => ({predicted: r.dataset.predicted, trained: r.dataset.trained, text: r.innerText}));""",
                label);
    }

    /**
     * Two fixed samples per modality, labelled 3 and 8, sent in turn every 100 ms from one camera and one
     * electrode array, each sample in two packets: the same events every time, so a registered window and a
     * later one embed identically.
     */
    private static final class PatternTraffic implements AutoCloseable {
        private static final AvroSingleObjectCodec<EventPacket> CODEC = AvroSingleObjectCodec.of(EventPacket.class);
        private final KafkaProducer<String, byte[]> producer;
        private final ServiceTopics topics;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::run, "view-test-traffic");
        private final Map<String, Long> seqs = new HashMap<>();
        private final Map<String, Long> clocks = new HashMap<>();

        PatternTraffic(String bootstrap, ServiceTopics topics) {
            this.topics = topics;
            this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new ByteArraySerializer());
        }

        void start() {
            thread.start();
        }

        private void run() {
            for (int n = 0; running.get(); n++) {
                int label = n % 2 == 0 ? 3 : 8;
                send(Modality.VISION, "cam-1", label, n);
                send(Modality.NEURAL, "rig-1", label, n);
                Await.pause(Duration.ofMillis(100));
            }
        }

        private void send(Modality modality, String source, int label, int n) {
            boolean vision = modality == Modality.VISION;
            SplittableRandom r = new SplittableRandom(label * 31L + (vision ? 1 : 2));
            for (int part = 0; part < 2; part++) {
                int events = 400;
                int[] dt = new int[events];
                int[] x = new int[events];
                int[] y = new int[vision ? events : 0];
                int[] p = new int[vision ? events : 0];
                for (int i = 0; i < events; i++) {
                    dt[i] = i * 50;
                    x[i] = vision ? 4 + r.nextInt(26) : r.nextInt(192);
                    if (vision) {
                        y[i] = label == 3 ? 4 + r.nextInt(8) : 20 + r.nextInt(10);
                        p[i] = r.nextInt(2);
                    }
                }
                String id = source + "/" + (vision ? "vision" : "neural");
                long seq = seqs.merge(id, 1L, Long::sum) - 1;
                long t0 = clocks.merge(id, 25_000L, Long::sum) - 25_000L;
                EventPacket packet = EventPackets.fromColumns(id, modality, seq, t0, dt, x, y, p);
                packet.setSampleId("s" + n);
                packet.setLabel(label);
                packet.setEndOfSample(part == 1);
                String topic = topics.events(vision ? ServiceTopics.VISION : ServiceTopics.NEURAL);
                producer.send(new ProducerRecord<>(topic, packet.getSource().toString(), CODEC.encode(packet)));
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
            producer.close(Duration.ofSeconds(5));
        }
    }
}

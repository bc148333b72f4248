package io.liquidstream.connectors.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recorder recording of this JVM with the JDK's {@code profile} settings, written to a
 * file that JDK Mission Control or {@code jfr print} opens, and summarised as where the CPU samples
 * fall: by thread (numbers stripped, so a pool's threads count together) and by the method on top of
 * the stack.
 */
public final class JfrProfile implements AutoCloseable {

    /** Share of the execution samples, in percent, by thread kind and by top method, largest first. */
    public record Summary(long samples, Map<String, Double> threads, Map<String, Double> methods) {
    }

    private final Recording recording;
    private final Path file;

    private JfrProfile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** Starts recording now; {@link #stop()} writes {@code file}. */
    public static JfrProfile start(Path file) {
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setName("liquidstream-bench");
            recording.start();
            return new JfrProfile(recording, file.toAbsolutePath());
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot load the JDK's 'profile' flight recorder settings", e);
        }
    }

    /** Stops recording, writes the file and summarises its execution samples. */
    public Summary stop(int top) {
        recording.stop();
        try {
            recording.dump(file);
            return summarise(file, top);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the flight recording " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Summarises the {@code jdk.ExecutionSample} events of a recording. */
    public static Summary summarise(Path recordingFile, int top) throws IOException {
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> methods = new HashMap<>();
        long samples = 0;
        try (RecordingFile in = new RecordingFile(recordingFile)) {
            while (in.hasMoreEvents()) {
                RecordedEvent e = in.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                samples++;
                String thread = e.getThread("sampledThread") != null ? e.getThread("sampledThread").getJavaName() : null;
                threads.merge(thread == null ? "(unnamed)" : ProcessGauges.threadKind(thread), 1L, Long::sum);
                RecordedStackTrace stack = e.getStackTrace();
                List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
                String method = frames.isEmpty() ? "(no stack)"
                        : frames.get(0).getMethod().getType().getName() + "." + frames.get(0).getMethod().getName();
                methods.merge(method, 1L, Long::sum);
            }
        }
        return new Summary(samples, shares(threads, samples, top), shares(methods, samples, top));
    }

    private static Map<String, Double> shares(Map<String, Long> counts, long total, int top) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : sorted.subList(0, Math.min(top, sorted.size()))) {
            out.put(e.getKey(), total == 0 ? 0 : Math.round(1000.0 * e.getValue() / total) / 10.0);
        }
        return out;
    }

    @Override
    public void close() {
        recording.close();
    }
}

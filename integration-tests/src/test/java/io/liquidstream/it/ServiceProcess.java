package io.liquidstream.it;

import io.liquidstream.cli.LiquidStreamCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code liquidstream serve} in a child JVM on this JVM's class path, with a fixed heap ceiling and a
 * GC log, so a test can kill it like a crashed machine ({@link #kill()}: SIGKILL on Linux), and read
 * its heap after each collection and its resident set size.
 */
final class ServiceProcess implements AutoCloseable {

    /** Heap ceiling of every child service, in MiB. */
    static final int MAX_HEAP_MB = 256;

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Process process;
    private final Path gcLog;
    private final Path output;

    private ServiceProcess(Process process, Path gcLog, Path output) {
        this.process = process;
        this.gcLog = gcLog;
        this.output = output;
    }

    /**
     * Starts {@code serve --config <file> --model <model>} with the given service properties.
     *
     * @param dir where the config file, GC log and console output go ({@code name} tells runs apart)
     */
    static ServiceProcess start(Map<String, Object> serviceProps, Path model, Path dir, String name) {
        try {
            Path config = dir.resolve(name + ".properties");
            Properties p = new Properties();
            serviceProps.forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
            try (Writer w = Files.newBufferedWriter(config)) {
                p.store(w, "liquidstream integration test " + name);
            }
            Path gcLog = dir.resolve(name + "-gc.log");
            Path output = dir.resolve(name + ".out");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx" + MAX_HEAP_MB + "m");
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-Xlog:gc:file=" + gcLog);
            for (String key : List.of("org.bytedeco.javacpp.cachedir", "org.bytedeco.javacpp.maxbytes",
                    "org.bytedeco.javacpp.maxphysicalbytes")) {
                String value = System.getProperty(key);
                if (value != null) {
                    cmd.add("-D" + key + "=" + value);
                }
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(LiquidStreamCli.class.getName());
            cmd.add("serve");
            cmd.add("--config");
            cmd.add(config.toString());
            cmd.add("--model");
            cmd.add(model.toString());
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("OMP_NUM_THREADS", "1");
            Process process = builder.start();
            // a test JVM that ends (or is stopped) must not leave a service running behind it
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new ServiceProcess(process, gcLog, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the service child JVM in " + dir, e);
        }
    }

    /** Waits until the service logged that it serves; fails with its console output if it died first. */
    ServiceProcess awaitServing() {
        Await.until("the child service to log 'serving' (output: " + output + ")", Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the child service exited with " + process.exitValue() + ": " + console());
            }
            return console().contains("liquidstream: serving");
        });
        return this;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Kills the JVM at once, as a crash would: no shutdown hooks, no group leave, no transaction abort. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Stops the service in order (SIGTERM: shutdown hooks run, it leaves its consumer group). */
    void stop() {
        process.destroy();
        waitFor();
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the child service", e);
        }
    }

    /** Resident set size now, in KiB, from {@code /proc/<pid>/status}; 0 when not on Linux or not running. */
    long rssKib() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /**
     * CPU time the JVM used so far (user plus system), in seconds, from {@code /proc/<pid>/stat} at Linux's
     * USER_HZ of 100 ticks per second; 0 when not on Linux or not running.
     */
    double cpuSeconds() {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String line = Files.readString(stat);
            // fields after the command name, which may hold spaces, start with field 3 (state)
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Largest heap occupancy right after a collection, in MiB, over the JVM's life so far (GC log). */
    long maxHeapAfterGcMib() {
        long max = 0;
        for (String line : lines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                max = Math.max(max, Long.parseLong(m.group(2)));
            }
        }
        return max;
    }

    /** Number of collections the GC log recorded so far. */
    long collections() {
        return lines(gcLog).stream().filter(l -> GC_LINE.matcher(l).find()).count();
    }

    /** The child's console output so far (stdout and stderr). */
    String console() {
        return String.join("\n", lines(output));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}

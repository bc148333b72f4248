package io.liquidstream.cli;

import io.liquidstream.connectors.format.EventFileReader;
import io.liquidstream.connectors.format.EventFiles;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code liquidstream inspect}: one streaming pass over an event file, printing its format, counts, sensor,
 * time span, rate and where the events fall. Memory stays bounded by the chunk size and the raster.
 */
@Command(name = "inspect", header = "Format, counts, sensor size, time span and raster of an event file.", mixinStandardHelpOptions = true,
        description = {
            "Reads an event file once (format detected by content, then extension) and prints its "
                + "format, event count, ON/OFF counts, sensor size, first/last time, duration, mean rate and "
                + "an ASCII raster of events per pixel (or a histogram per channel for one-dimensional "
                + "sources). Sources without polarity count every event as ON. An NWB file's units are its "
                + "channels; its version, unit ids, electrodes and trials are listed. A damaged file prints "
                + "what was read, then the error (exit 1)."
        })
final class InspectCommand implements Callable<Integer> {

    static final int CHUNK = 1 << 16;
    static final int MAX_COLUMNS = 64;
    static final int MAX_LISTED = 16;
    private static final String SHADES = ".:-=+*#%@";

    @Parameters(index = "0", paramLabel = "FILE", description = "Event file in any format EventFiles knows (aedat, dat, evt2, evt3, nmnist, csv, nwb).")
    Path file;

    @Mixin
    JsonOption output;

    @Option(names = "--max-events", paramLabel = "N", description = "Stop after N events (default: all).")
    Long maxEvents;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (maxEvents != null && maxEvents <= 0) {
            throw new IllegalArgumentException("--max-events must be positive, found " + maxEvents);
        }
        long limit = maxEvents == null ? Long.MAX_VALUE : maxEvents;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (EventFileReader reader = EventFiles.open(file)) {
            Tally tally = new Tally(reader.geometry());
            IOException damage = null;
            try {
                Events chunk;
                while (tally.events < limit && (chunk = reader.next((int) Math.min(CHUNK, limit - tally.events))) != null) {
                    tally.add(chunk);
                }
            } catch (IOException e) {
                damage = e;
            }
            report(out, reader.format(), reader.geometry(), reader.details(), tally, damage);
            out.flush();
            if (damage != null) {
                err.println("error: " + damage.getMessage());
                err.flush();
                return 1;
            }
            return 0;
        }
    }

    private void report(PrintWriter out, String format, SensorGeometry geometry, Map<String, Object> details, Tally tally,
            IOException damage) {
        long duration = tally.events == 0 ? 0 : tally.last - tally.first;
        double rate = duration > 0 ? tally.events * 1e6 / duration : 0;
        if (output.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", file.toString());
            result.put("format", format);
            result.put("events", tally.events);
            result.put("on", tally.on);
            result.put("off", tally.events - tally.on);
            result.put("width", geometry.width());
            result.put("height", geometry.height());
            result.put("polarities", geometry.polarities());
            result.put("firstTimestampUs", tally.events == 0 ? null : tally.first);
            result.put("lastTimestampUs", tally.events == 0 ? null : tally.last);
            result.put("durationUs", duration);
            result.put("eventsPerSecond", Json.round(rate, 1));
            if (!details.isEmpty()) {
                result.put("details", details);
            }
            if (damage != null) {
                result.put("error", damage.getMessage());
            }
            out.println(Json.line(result));
            return;
        }
        out.printf("file        %s%n", file);
        out.printf("format      %s%n", format);
        out.printf("sensor      %s%n", geometry.height() == 1 && geometry.polarities() == 1
                ? geometry.width() + " channels" : geometry.width() + "x" + geometry.height() + ", "
                + geometry.polarities() + " polarities");
        details.forEach((key, value) -> out.printf("%-11s %s%n", key, abbreviate(value)));
        out.printf("events      %d (ON %d, OFF %d)%s%n", tally.events, tally.on, tally.events - tally.on,
                maxEvents != null && tally.events >= maxEvents ? ", stopped at --max-events" : "");
        if (tally.events > 0) {
            out.printf("time        %d .. %d us (duration %.6f s)%n", tally.first, tally.last, duration / 1e6);
            out.printf("mean rate   %.1f events/s%n", rate);
            out.println(tally.channels ? "events per channel:" : "events per pixel (" + tally.cell + "x" + tally.cell
                    + " pixels per character, darker = more):");
            if (tally.channels) {
                histogram(out, tally);
            } else {
                raster(out, tally);
            }
        }
    }

    /** Long lists (e.g. thousands of unit ids) as their first entries and the count. */
    private static String abbreviate(Object value) {
        if (value instanceof List<?> list && list.size() > MAX_LISTED) {
            return list.subList(0, MAX_LISTED).toString().replaceFirst("]$", ", ... (" + list.size() + " in all)]");
        }
        return String.valueOf(value);
    }

    private static void raster(PrintWriter out, Tally tally) {
        long max = max(tally.counts);
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < tally.rows; r++) {
            line.setLength(0);
            line.append("  |");
            for (int c = 0; c < tally.columns; c++) {
                long n = tally.counts[r * tally.columns + c];
                line.append(n == 0 ? ' ' : SHADES.charAt((int) ((SHADES.length() - 1) * n / max)));
            }
            out.println(line.append('|'));
        }
    }

    private static void histogram(PrintWriter out, Tally tally) {
        long max = max(tally.counts);
        int barWidth = 50;
        for (int b = 0; b < tally.columns; b++) {
            int from = b * tally.cell;
            int to = Math.min(tally.width, from + tally.cell) - 1;
            long n = tally.counts[b];
            String label = from == to ? String.valueOf(from) : from + "-" + to;
            out.printf("  %9s |%-" + barWidth + "s %d%n", label, "#".repeat((int) (barWidth * n / max)), n);
        }
    }

    private static long max(long[] counts) {
        long max = 1;
        for (long n : counts) {
            max = Math.max(max, n);
        }
        return max;
    }

    /** Running figures of one pass; counts are binned so their size never depends on the file. */
    private static final class Tally {
        final boolean channels;
        final int width;
        final int cell;
        final int columns;
        final int rows;
        final long[] counts;
        long events;
        long on;
        long first;
        long last;

        Tally(SensorGeometry geometry) {
            channels = geometry.height() == 1 && geometry.polarities() == 1;
            width = geometry.width();
            int side = channels ? geometry.width() : Math.max(geometry.width(), geometry.height());
            cell = (side + MAX_COLUMNS - 1) / MAX_COLUMNS;
            columns = (geometry.width() + cell - 1) / cell;
            rows = channels ? 1 : (geometry.height() + cell - 1) / cell;
            counts = new long[columns * rows];
        }

        void add(Events chunk) {
            if (events == 0) {
                first = chunk.t(0);
            }
            for (int i = 0; i < chunk.size(); i++) {
                counts[(chunk.y(i) / cell) * columns + chunk.x(i) / cell]++;
                on += channels || chunk.p(i) == 1 ? 1 : 0;
            }
            events += chunk.size();
            last = chunk.t(chunk.size() - 1);
        }
    }
}

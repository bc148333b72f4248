package io.liquidstream.cli;

import io.liquidstream.connectors.ingest.IngestCounts;
import io.liquidstream.connectors.ingest.IngestStats;
import io.liquidstream.connectors.replay.ReplayResult;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The running totals of a replay or an ingest on standard error: redrawn in place at most five times a
 * second on a terminal, one line every ten seconds otherwise, so logs of long non-interactive runs stay short.
 */
final class TotalsProgress implements Consumer<ReplayResult>, AutoCloseable {

    private final PrintStream out;
    private final boolean interactive;
    private final Function<ReplayResult, String> line;
    private final long intervalNanos;
    private long lastDraw = System.nanoTime();
    private ReplayResult last;

    private TotalsProgress(PrintStream out, boolean interactive, Function<ReplayResult, String> line) {
        this.out = out;
        this.interactive = interactive;
        this.line = line;
        this.intervalNanos = interactive ? 200_000_000L : 10_000_000_000L;
    }

    /** A replay's totals: events, packets, samples, throughput. */
    static TotalsProgress replay(PrintStream out, boolean interactive) {
        return new TotalsProgress(out, interactive, t -> String.format(
                "replay %,d events  %,d packets  %,d samples  %.1f MB/s  %,.0f events/s  %.1fs",
                t.events(), t.packets(), t.samples(), t.megabytesPerSecond(), t.eventsPerSecond(), t.seconds()));
    }

    /** An ingest's totals, beside what was dropped or refused. */
    static TotalsProgress ingest(PrintStream out, boolean interactive, IngestStats stats) {
        return new TotalsProgress(out, interactive, t -> {
            IngestCounts c = stats.snapshot();
            return String.format(Locale.ROOT, "ingest %,d events  %,d packets  %,.0f events/s  dropped %,d"
                    + " datagrams  refused %,d malformed, %,d outside, %,d late  %.1fs", t.events(), t.packets(),
                    t.eventsPerSecond(), c.droppedDatagrams(), c.malformed(), c.outsideSensor(), c.late(), t.seconds());
        });
    }

    @Override
    public synchronized void accept(ReplayResult totals) {
        last = totals;
        long now = System.nanoTime();
        if (now - lastDraw >= intervalNanos) {
            lastDraw = now;
            draw(totals);
        }
    }

    private void draw(ReplayResult t) {
        String text = line.apply(t);
        if (interactive) {
            out.print("\r" + text);
        } else {
            out.println(text);
        }
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (interactive && last != null) {
            draw(last);
            out.println();
        }
    }
}

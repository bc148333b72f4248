package io.liquidstream.cli;

import io.liquidstream.connectors.ingest.IngestCounts;
import io.liquidstream.connectors.ingest.IngestStats;
import io.liquidstream.connectors.replay.ReplayResult;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The running totals of an ingest on standard error, beside what was dropped or refused: redrawn in place
 * at most five times a second on a terminal, one line every ten seconds otherwise.
 */
final class IngestProgress implements Consumer<ReplayResult>, AutoCloseable {

    private final PrintStream out;
    private final boolean interactive;
    private final IngestStats stats;
    private final long intervalNanos;
    private long lastDraw = System.nanoTime();
    private ReplayResult last;

    IngestProgress(PrintStream out, boolean interactive, IngestStats stats) {
        this.out = out;
        this.interactive = interactive;
        this.stats = stats;
        this.intervalNanos = interactive ? 200_000_000L : 10_000_000_000L;
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
        IngestCounts c = stats.snapshot();
        String line = String.format(Locale.ROOT, "ingest %,d events  %,d packets  %,.0f events/s  dropped %,d"
                + " datagrams  refused %,d malformed, %,d outside, %,d late  %.1fs", t.events(), t.packets(),
                t.eventsPerSecond(), c.droppedDatagrams(), c.malformed(), c.outsideSensor(), c.late(), t.seconds());
        if (interactive) {
            out.print("\r" + line);
        } else {
            out.println(line);
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

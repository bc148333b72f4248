package io.liquidstream.cli;

import io.liquidstream.connectors.replay.ReplayResult;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The running totals of a replay on standard error: redrawn in place at most five times a second on a
 * terminal, one line every ten seconds otherwise, so logs of long non-interactive runs stay short.
 */
final class ReplayProgress implements Consumer<ReplayResult>, AutoCloseable {

    private final PrintStream out;
    private final boolean interactive;
    private final long intervalNanos;
    private long lastDraw = System.nanoTime();
    private ReplayResult last;

    ReplayProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
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
        String line = String.format("replay %,d events  %,d packets  %,d samples  %.1f MB/s  %,.0f events/s  %.1fs",
                t.events(), t.packets(), t.samples(), t.megabytesPerSecond(), t.eventsPerSecond(), t.seconds());
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

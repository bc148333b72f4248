package io.liquidstream.cli;

import io.liquidstream.core.evaluation.PhaseProgress;
import java.io.PrintStream;

/**
 * A progress bar on standard error: redrawn in place on a terminal, a line per tenth otherwise (so logs
 * of non-interactive runs stay short). Safe to update from several threads.
 */
final class Progress implements PhaseProgress.Phase {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final long started = System.nanoTime();
    private long lastDraw;
    private int lastTenth = -1;
    private String detail = "";
    private boolean closed;

    Progress(String label, long total) {
        this(System.err, label, total, System.console() != null);
    }

    Progress(PrintStream out, String label, long total, boolean interactive) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.interactive = interactive;
    }

    /** Silent progress, for --json runs where stderr should stay quiet too. */
    static Progress quiet() {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), "", 1, false);
    }

    @Override
    public synchronized void update(long done) {
        update(done, detail);
    }

    @Override
    public synchronized void update(long done, String newDetail) {
        if (closed) {
            return;
        }
        detail = newDetail == null ? "" : newDetail;
        long now = System.nanoTime();
        int tenth = (int) Math.min(10, done * 10 / total);
        if (interactive) {
            if (now - lastDraw > 100_000_000L || done >= total) {
                lastDraw = now;
                out.print("\r" + line(done));
                out.flush();
            }
        } else if (tenth != lastTenth) {
            lastTenth = tenth;
            out.println(line(done));
        }
    }

    private String line(long done) {
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        double secs = (System.nanoTime() - started) / 1e9;
        return String.format("%-22s [%s%s] %d/%d %.1fs %s", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
                done, total, secs, detail);
    }

    @Override
    public synchronized void close() {
        if (!closed && interactive) {
            out.println();
        }
        closed = true;
    }
}

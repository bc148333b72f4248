package io.liquidstream.connectors.ingest;

import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.connectors.format.aedat.Aedat4Reader;
import io.liquidstream.connectors.format.aedat.Aedat4Stream;
import io.liquidstream.core.event.SensorGeometry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads an AEDAT 4.0 recording while DV (or any writer) is still writing it: packets are read as they are
 * appended ({@link GrowingFileInput}), and each one's events are queued with {@link Handoff#put}, which
 * waits while Kafka is slow. With {@code follow}, a file that does not exist yet is waited for, and at the
 * end of the data the feed waits for more until stopped; without it, the feed ends at the end of the data.
 *
 * <p>A recording that is finished ends the feed: the writer appends the file data table and records its
 * position in the header, so a packet header that names no declared stream where the header now says the
 * table begins is the end, not damage. Any other damage ends the feed with an error naming the byte, after
 * the packets before it were queued; a packet still being written when the feed is stopped is not sent.
 */
public final class GrowingFileFeed implements Feed {

    /** How long a followed file's writer may take to record its data table after appending it. */
    static final Duration FINISH_GRACE = Duration.ofSeconds(2);

    private final Path file;
    private final SensorGeometry fallback;
    private final boolean follow;
    private final Duration poll;
    private final IngestStats stats;
    private volatile boolean stopped;

    /** @param fallback the sensor size used when the header states none (may be null) */
    public GrowingFileFeed(Path file, SensorGeometry fallback, boolean follow, Duration poll, IngestStats stats) {
        this.file = file;
        this.fallback = fallback;
        this.follow = follow;
        this.poll = poll;
        this.stats = stats;
    }

    @Override
    public void run(Handoff out) throws IOException, InterruptedException {
        if (!awaitFile()) {
            return;
        }
        try (InputStream in = new BufferedInputStream(new GrowingFileInput(file, poll.toMillis(),
                () -> stopped || !follow), 1 << 16)) {
            Aedat4Stream stream;
            try {
                stream = Aedat4Stream.open(in, file, fallback, Integer.MAX_VALUE);
            } catch (EventFormatException e) {
                if (stopped) {
                    return;
                }
                throw e;
            }
            EventAdmission admission = new EventAdmission(stream.geometry(), stats);
            stats.say("reading " + file + ": event stream " + stream.streamId() + ", " + stream.geometry().width() + "x"
                    + stream.geometry().height() + ", " + stream.compression() + " compression"
                    + (follow ? ", following as it grows" : ""));
            long consumed = stream.offset();
            while (true) {
                admission.begin();
                int n;
                try {
                    n = stream.next(admission::event);
                } catch (EventFormatException e) {
                    if (finishedAt(e.offset())) {
                        stats.say(file + " is finished: its file data table begins at byte " + e.offset());
                        return;
                    }
                    if (stopped) {
                        stats.say("stopped inside a packet still being written at byte " + e.offset() + " of " + file
                                + "; its events were not sent");
                        return;
                    }
                    throw e;
                }
                if (n < 0) {
                    return;
                }
                stats.received((int) Math.min(Integer.MAX_VALUE, stream.offset() - consumed));
                consumed = stream.offset();
                admission.finishInto(out);
            }
        }
    }

    /** Waits for the file to exist when following; false if stopped first or not following and missing. */
    private boolean awaitFile() throws IOException, InterruptedException {
        boolean said = false;
        while (!Files.exists(file)) {
            if (!follow) {
                throw new IOException(file + " does not exist");
            }
            if (stopped) {
                return false;
            }
            if (!said) {
                stats.say("waiting for " + file + " to appear");
                said = true;
            }
            Thread.sleep(poll.toMillis());
        }
        return true;
    }

    /**
     * Whether the writer has declared its data table to start at or before {@code offset}. A writer appends
     * the table before it rewrites the header, so a followed file is given a moment to catch up.
     */
    private boolean finishedAt(long offset) throws InterruptedException {
        long deadline = System.nanoTime() + (follow ? FINISH_GRACE.toNanos() : 0);
        while (true) {
            try (Aedat4Reader header = Aedat4Reader.open(file, fallback)) {
                long table = header.dataTablePosition();
                if (table >= 0 && table <= offset) {
                    return true;
                }
            } catch (IOException e) {
                // a header being rewritten may be unreadable for a moment; the deadline bounds the wait
            }
            if (stopped || System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public String description() {
        return "AEDAT 4 recording " + file + (follow ? " (followed as it grows)" : "");
    }
}

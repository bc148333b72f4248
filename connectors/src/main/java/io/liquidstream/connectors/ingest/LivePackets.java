package io.liquidstream.connectors.ingest;

import io.liquidstream.connectors.replay.PacketCutter;
import io.liquidstream.connectors.replay.PacketSource;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A live input as one source's {@link EventPacket}s, cut by the {@link PacketCutter} that {@code replay}
 * uses (at most {@code maxEvents} events spanning less than {@code maxMicros}), so {@code kafka} sees the
 * same packets from a live camera as from its recording.
 *
 * <p>A {@link Feed} reads the input on its own thread into a bounded {@link Handoff}; {@link #next()}
 * takes batches from it on the sending thread. A live input may pause, so a packet is also closed when
 * no event came for {@code linger} of wall-clock time: held events wait at most that long.
 * {@link #next()} returns null once the feed has ended (its input ended, or {@link #stop()}), after the
 * packet with the last events; {@link #failure()} then says whether it ended on an error.
 */
public final class LivePackets implements PacketSource {

    private final Feed feed;
    private final String source;
    private final Modality modality;
    private final int maxEvents;
    private final long maxMicros;
    private final long lingerNanos;
    private final long firstSeq;
    private final IngestStats stats;
    private final Handoff handoff;
    private final Thread reader;
    private final ArrayDeque<EventPacket> ready = new ArrayDeque<>();
    private PacketCutter cutter;
    private Consumer<SensorGeometry> onSensor = sensor -> { };
    private boolean ended;
    private volatile IOException failure;

    /**
     * Starts reading {@code feed} at once (a UDP port is drained from now on), numbering packets from 0.
     *
     * @param queueBatches most batches (datagrams, stream packets) between the reader and the sender
     */
    public LivePackets(Feed feed, String source, Modality modality, int maxEvents, long maxMicros, Duration linger,
            int queueBatches, IngestStats stats) {
        this(feed, source, modality, maxEvents, maxMicros, linger, queueBatches, stats, 0);
    }

    /**
     * As above, numbering packets from {@code firstSeq}: a live source restarted under the same id should
     * start above its earlier runs (e.g. at the start time in microseconds), because the service remembers
     * each source's {@code seq} and drops packets numbered below it as duplicates.
     */
    public LivePackets(Feed feed, String source, Modality modality, int maxEvents, long maxMicros, Duration linger,
            int queueBatches, IngestStats stats, long firstSeq) {
        if (maxEvents < 1 || maxMicros < 1 || linger.isNegative() || linger.isZero()) {
            throw new IllegalArgumentException("packets need at least 1 event, 1 us and a positive linger, found "
                    + maxEvents + ", " + maxMicros + " us, " + linger);
        }
        this.feed = Objects.requireNonNull(feed, "feed");
        this.source = Objects.requireNonNull(source, "source");
        this.modality = Objects.requireNonNull(modality, "modality");
        this.maxEvents = maxEvents;
        this.maxMicros = maxMicros;
        this.lingerNanos = linger.toNanos();
        this.firstSeq = firstSeq;
        this.stats = stats;
        this.handoff = new Handoff(queueBatches);
        this.reader = new Thread(this::read, "liquidstream-ingest");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        IOException error = null;
        try {
            feed.run(handoff);
        } catch (IOException e) {
            error = e;
        } catch (InterruptedException e) {
            error = new InterruptedIOException("ingest reader interrupted");
        } catch (RuntimeException e) {
            error = new IOException("ingest reader failed: " + e, e);
        }
        try {
            handoff.end(error);
        } catch (InterruptedException e) {
            // closing: nobody is left to take the end marker
        }
    }

    @Override
    public EventPacket next() throws IOException {
        while (ready.isEmpty() && !ended) {
            Object item;
            try {
                item = handoff.poll(lingerNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for live events");
            }
            if (item instanceof Events batch) {
                if (cutter == null) {
                    // the first batch tells the sensor's shape (a TCP feed learns it from the server's header)
                    cutter = new PacketCutter(source, modality, batch.geometry(), maxEvents, maxMicros, firstSeq);
                    onSensor.accept(batch.geometry());
                }
                cutter.add(batch, ready::add);
            } else {
                if (cutter != null) {
                    cutter.flush(ready::add);
                }
                if (item instanceof Handoff.End end) {
                    ended = true;
                    failure = end.failure();
                }
            }
        }
        return ready.poll();
    }

    /**
     * Has {@code announce} called with the sensor once the first events tell it, on the thread calling
     * {@link #next()}, before the first packet is returned (to publish the source's {@code SensorInfo}).
     */
    public LivePackets onSensor(Consumer<SensorGeometry> announce) {
        this.onSensor = Objects.requireNonNull(announce, "announce");
        return this;
    }

    /** The sensor, once the first events have told it. */
    @Override
    public Optional<SensorGeometry> sensor() {
        PacketCutter c = cutter;
        return c == null ? Optional.empty() : Optional.of(c.geometry());
    }

    /** Ends the input: what was read is still cut and returned by {@link #next()}, then null. */
    public void stop() {
        feed.stop();
    }

    /** Why the feed ended early, or null if it ended normally (or has not ended). */
    public IOException failure() {
        return failure;
    }

    public IngestStats stats() {
        return stats;
    }

    @Override
    public String description() {
        return feed.description();
    }

    @Override
    public void close() {
        feed.stop();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            reader.interrupt();
        }
    }
}

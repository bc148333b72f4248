package io.liquidstream.core.stream;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the stages run.
 *
 * @param rails parallel windowing and reservoir lanes; a source always runs on the same rail, so its
 *     windows stay in order
 * @param railQueue windows and packets queued per rail before upstream is slowed
 * @param reorderPackets packets per source held back waiting for a missing sequence number; when
 *     exceeded, the gap is given up (counted) and a packet arriving later goes to the DLQ as LATE
 * @param maxSampleEvents most events of one open sample; beyond it the whole sample goes to the DLQ as OVERSIZED
 * @param batchSize most windows per projection micro-batch
 * @param batchWait longest a window waits for its micro-batch to fill
 * @param sliding modalities windowed by sliding windows instead of sample markers, with their windows
 * @param topK matches reported per association
 * @param groupDelimiter a source id up to its last delimiter names its source group (e.g. {@code
 *     subject-3/neural} is in group {@code subject-3}); recent windows pair only within a group
 * @param recentPerGroup recent windows kept per source group for pairing
 * @param overlapTolerance how far apart on the source clock the starts of two windows of a source group
 *     may be and still pair (the clock offset allowed between the group's sources)
 * @param sourceIdleTimeout how long (wall clock) a source may send nothing while it has an open window
 *     or packets held for a missing {@code seq}; then its gap is given up and its windows closed with
 *     what arrived, so its inputs can be acknowledged
 */
public record PipelineSettings(int rails, int railQueue, int reorderPackets, int maxSampleEvents, int batchSize,
                               Duration batchWait, Map<String, SlidingSpec> sliding, int topK, String groupDelimiter,
                               int recentPerGroup, Duration overlapTolerance, Duration sourceIdleTimeout) {

    /** The source idle timeout of settings built without one. */
    public static final Duration DEFAULT_SOURCE_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public PipelineSettings {
        requireAtLeast("rails", rails, 1);
        requireAtLeast("railQueue", railQueue, 1);
        requireAtLeast("reorderPackets", reorderPackets, 0);
        requireAtLeast("maxSampleEvents", maxSampleEvents, 1);
        requireAtLeast("batchSize", batchSize, 1);
        requireAtLeast("topK", topK, 1);
        requireAtLeast("recentPerGroup", recentPerGroup, 0);
        Objects.requireNonNull(batchWait, "batchWait");
        Objects.requireNonNull(groupDelimiter, "groupDelimiter");
        Objects.requireNonNull(overlapTolerance, "overlapTolerance");
        Objects.requireNonNull(sourceIdleTimeout, "sourceIdleTimeout");
        if (batchWait.isNegative() || batchWait.isZero()) {
            throw new IllegalArgumentException("batchWait must be positive, found " + batchWait);
        }
        if (sourceIdleTimeout.compareTo(Duration.ofNanos(1000)) < 0) {
            throw new IllegalArgumentException("sourceIdleTimeout must be at least 1 us, found " + sourceIdleTimeout);
        }
        sliding = Map.copyOf(sliding);
    }

    /** Settings with the {@link #DEFAULT_SOURCE_IDLE_TIMEOUT default source idle timeout}. */
    public PipelineSettings(int rails, int railQueue, int reorderPackets, int maxSampleEvents, int batchSize,
                            Duration batchWait, Map<String, SlidingSpec> sliding, int topK, String groupDelimiter,
                            int recentPerGroup, Duration overlapTolerance) {
        this(rails, railQueue, reorderPackets, maxSampleEvents, batchSize, batchWait, sliding, topK, groupDelimiter,
                recentPerGroup, overlapTolerance, DEFAULT_SOURCE_IDLE_TIMEOUT);
    }

    /**
     * Two rails, 64 queued, reorder 16, 10 M events per sample, batches of 64 or 2 ms, top 5, delimiter '/',
     * 64 recent windows per group pairing within 100 ms, sources idle after 30 s.
     */
    public static PipelineSettings defaults() {
        return new PipelineSettings(2, 64, 16, 10_000_000, 64, Duration.ofMillis(2), Map.of(), 5, "/", 64,
                Duration.ofMillis(100));
    }

    public PipelineSettings withRails(int n) {
        return new PipelineSettings(n, railQueue, reorderPackets, maxSampleEvents, batchSize, batchWait, sliding, topK,
                groupDelimiter, recentPerGroup, overlapTolerance, sourceIdleTimeout);
    }

    public PipelineSettings withReorderPackets(int n) {
        return new PipelineSettings(rails, railQueue, n, maxSampleEvents, batchSize, batchWait, sliding, topK,
                groupDelimiter, recentPerGroup, overlapTolerance, sourceIdleTimeout);
    }

    public PipelineSettings withMaxSampleEvents(int n) {
        return new PipelineSettings(rails, railQueue, reorderPackets, n, batchSize, batchWait, sliding, topK,
                groupDelimiter, recentPerGroup, overlapTolerance, sourceIdleTimeout);
    }

    public PipelineSettings withSliding(Map<String, SlidingSpec> newSliding) {
        return new PipelineSettings(rails, railQueue, reorderPackets, maxSampleEvents, batchSize, batchWait, newSliding,
                topK, groupDelimiter, recentPerGroup, overlapTolerance, sourceIdleTimeout);
    }

    public PipelineSettings withBatch(int size, Duration wait) {
        return new PipelineSettings(rails, railQueue, reorderPackets, maxSampleEvents, size, wait, sliding, topK,
                groupDelimiter, recentPerGroup, overlapTolerance, sourceIdleTimeout);
    }

    public PipelineSettings withSourceIdleTimeout(Duration timeout) {
        return new PipelineSettings(rails, railQueue, reorderPackets, maxSampleEvents, batchSize, batchWait, sliding,
                topK, groupDelimiter, recentPerGroup, overlapTolerance, timeout);
    }

    /** The source group of a source id: its part before the last {@link #groupDelimiter()}, or the id itself. */
    public String groupOf(String source) {
        int cut = groupDelimiter.isEmpty() ? -1 : source.lastIndexOf(groupDelimiter);
        return cut <= 0 ? source : source.substring(0, cut);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", found " + value);
        }
    }
}

package io.liquidstream.connectors.view;

import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.Embedding;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.core.stream.Modalities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the page shows, as the view has read it from the topics: sources and their events,
 * embedded windows, associations, anchors and dead letters. The consumer thread feeds it; the page's
 * threads read snapshots. Each part is bounded and guards itself.
 */
final class ViewState {

    static final int WINDOWS_PER_MODALITY = 300;
    static final int WINDOWS_LISTED = 40;
    private static final long RASTER_MIN_MILLIS = 500;

    /** The latest reservoir raster of a source, with a version so each page sends it once. */
    record Raster(long version, Map<String, Object> body) {
    }

    private final SourceBoard sources;
    private final WindowLog windows = new WindowLog(WINDOWS_PER_MODALITY);
    private final AssociationLog associations = new AssociationLog();
    private final AnchorBoard anchors;
    private final ReservoirTrace reservoir;
    private final Map<String, Long> deadLetters = new ConcurrentHashMap<>();
    private final RateMeter events = new RateMeter(2_000);
    private final RateMeter embeddings = new RateMeter(5_000);

    ViewState(AnchorBoard anchors) {
        this.anchors = anchors;
        this.sources = new SourceBoard(anchors.geometries());
        this.reservoir = new ReservoirTrace(anchors.models());
    }

    SourceBoard sources() {
        return sources;
    }

    WindowLog windows() {
        return windows;
    }

    AnchorBoard anchors() {
        return anchors;
    }

    boolean reservoirAvailable() {
        return reservoir.available();
    }

    void onEvents(EventPacket packet, String topic, int partition, long sentMillis, long nowMillis) {
        sources.add(packet, topic, partition, sentMillis, nowMillis);
        synchronized (events) {
            events.add(packet.getDt().size(), nowMillis);
        }
    }

    void onEmbedding(Embedding e, long nowMillis) {
        windows.add(e);
        synchronized (embeddings) {
            embeddings.add(1, nowMillis);
        }
        String source = e.getSource().toString();
        if (e.getSampleId() != null && reservoir.available() && sources.watched(source)
                && sources.rasterDue(source, nowMillis, RASTER_MIN_MILLIS)) {
            sources.sample(source, e.getSampleId().toString())
                    .flatMap(held -> reservoir.of(Modalities.name(e.getModality()), held))
                    .ifPresent(body -> sources.raster(source, body, nowMillis));
        }
    }

    void onAssociation(Association a, long nowMillis) {
        // End to end as a user sees it: the sample's last events handed to Kafka until its association is read.
        Double latency = a.getSampleId() == null ? null
                : sources.lastSent(a.getSource().toString(), a.getSampleId().toString())
                        .map(sent -> (double) (nowMillis - sent)).orElse(null);
        associations.add(a, latency, nowMillis);
        windows.byKey(RecentWindow.key(a.getSource(), a.getSampleId(), a.getWindowStartMicros(), a.getWindowEndMicros()))
                .ifPresent(w -> w.predicted(a.getPredictedClass()));
    }

    void onAnchor(String anchorId, ClassAnchor anchor) {
        anchors.apply(anchorId, anchor);
    }

    void onDeadLetter(String reason) {
        deadLetters.merge(reason == null ? "UNKNOWN" : reason, 1L, Long::sum);
    }

    Optional<Raster> raster(String source) {
        return sources.raster(source);
    }

    /** The overview the page refreshes from, as {@code docs/view-protocol.md} lays it out. */
    Map<String, Object> overview(long nowMillis, ServiceLag lag) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nowMillis", nowMillis);
        m.put("sources", sources.rows(nowMillis, lag));
        m.put("associations", associations.feed(anchors::name));
        m.put("accuracy", associations.accuracy());
        m.put("map", EmbeddingMap.of(windows.all(), anchors.prototypes(), anchors::name));
        Map<String, Object> health = new LinkedHashMap<>();
        synchronized (events) {
            health.put("eventsPerSecond", AssociationLog.round(events.perSecond(nowMillis), 1));
        }
        synchronized (embeddings) {
            health.put("embeddingsPerSecond", AssociationLog.round(embeddings.perSecond(nowMillis), 2));
        }
        health.putAll(associations.health(nowMillis));
        health.put("deadLetters", new TreeMap<>(deadLetters));
        m.put("health", health);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (RecentWindow w : windows.newest(WINDOWS_LISTED)) {
            Map<String, Object> row = new LinkedHashMap<>();
            Embedding e = w.embedding();
            row.put("id", w.id());
            row.put("source", w.source());
            row.put("modality", Modalities.name(e.getModality()));
            row.put("sampleId", w.sampleId());
            row.put("label", e.getLabel());
            row.put("predictedClass", w.predictedClass());
            row.put("windowStartMicros", e.getWindowStartMicros());
            row.put("windowEndMicros", e.getWindowEndMicros());
            row.put("events", w.sampleId() == null ? 0
                    : sources.sample(w.source(), w.sampleId()).map(HeldSample::events).orElse(0));
            listed.add(row);
        }
        m.put("windows", listed);
        m.put("classNames", anchors.names());
        return m;
    }
}

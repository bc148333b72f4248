package io.liquidstream.connectors.view;

import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the view knows of each source from the events topics: its rate, partition, last packet, sensor
 * extent, the raw events of its last few samples (for registering them as exemplars and showing the
 * reservoir), its latest reservoir raster and, while a page watches it, a ring of its latest events: all
 * of it forgotten with the source.
 *
 * <p>Bounded throughout: at most {@link #MAX_SOURCES} sources (the least recently seen is forgotten),
 * {@link #SAMPLES_PER_SOURCE} held samples per source and {@link #HELD_EVENTS_BUDGET} held events in all
 * (the oldest samples go first), and rings only for watched sources.
 * Synchronised on itself; the consumer thread writes, the page threads read.
 */
final class SourceBoard {

    static final int MAX_SOURCES = 512;
    static final int SAMPLES_PER_SOURCE = 32;
    static final int SAMPLE_MAX_EVENTS = 200_000;
    /** Events held over all sources' samples (about 20 bytes each); beyond it the oldest samples go first. */
    static final long HELD_EVENTS_BUDGET = 2_000_000;
    static final int RING_EVENTS = 1 << 16;
    private static final long ACTIVE_MILLIS = 60_000;

    /** One row of the sources table. */
    record Row(String source, String modality, double eventsPerSecond, Long lag, long lastSeenMillis, int width,
            int height, int channels) {
    }

    private static final class Source {
        final String name;
        final String modality;
        final RateMeter rate = new RateMeter(2_000);
        final LinkedHashMap<String, HeldSample> samples = new LinkedHashMap<>();
        String topic;
        int partition;
        long lastSeenMillis;
        int maxX = -1;
        int maxY = -1;
        EventRing ring;
        int watchers;
        ViewState.Raster raster;
        long rasterMillis;

        Source(String name, String modality) {
            this.name = name;
            this.modality = modality;
        }
    }

    private final Map<String, SensorGeometry> expected;
    private final Map<String, Source> sources = new HashMap<>();
    /** Every held sample, oldest first, for the global budget. */
    private final ArrayDeque<HeldSample> heldOrder = new ArrayDeque<>();
    private long heldEvents;
    private long rasterVersion;

    /** @param expected each modality's sensor geometry when a model says it; others are sized by what is seen */
    SourceBoard(Map<String, SensorGeometry> expected) {
        this.expected = Map.copyOf(expected);
    }

    /**
     * @param sentMillis the record's timestamp (when the sensor's producer sent it)
     * @param nowMillis when the view read it
     */
    synchronized void add(EventPacket packet, String topic, int partition, long sentMillis, long nowMillis) {
        String name = packet.getSource().toString();
        String modality = Modalities.name(packet.getModality());
        Source s = sources.get(name);
        if (s == null) {
            if (sources.size() >= MAX_SOURCES) {
                sources.values().stream().filter(x -> x.watchers == 0)
                        .min(Comparator.comparingLong(x -> x.lastSeenMillis))
                        .ifPresent(oldest -> {
                            List.copyOf(oldest.samples.values()).forEach(this::forget);
                            sources.remove(oldest.name);
                        });
            }
            s = new Source(name, modality);
            sources.put(name, s);
        }
        s.topic = topic;
        s.partition = partition;
        s.lastSeenMillis = nowMillis;
        // Primitive copies: the columns' List<Integer> view would box every event.
        int[] dt = EventPackets.toIntArray(packet.getDt());
        int[] xs = EventPackets.toIntArray(packet.getX());
        int[] ys = EventPackets.toIntArray(packet.getY());
        int[] ps = EventPackets.toIntArray(packet.getP());
        int n = dt.length;
        s.rate.add(n, nowMillis);
        long t0 = packet.getT0Micros();
        for (int i = 0; i < n; i++) {
            s.maxX = Math.max(s.maxX, xs[i]);
            if (ys.length > 0) {
                s.maxY = Math.max(s.maxY, ys[i]);
            }
        }
        if (s.ring != null) {
            for (int i = 0; i < n; i++) {
                s.ring.add(t0 + dt[i], xs[i], ys.length == 0 ? 0 : ys[i], ps.length == 0 ? 1 : ps[i]);
            }
        }
        if (packet.getSampleId() != null) {
            String id = packet.getSampleId().toString();
            HeldSample held = s.samples.get(id);
            if (held == null) {
                held = new HeldSample(name, packet.getModality(), id, packet.getLabel(), SAMPLE_MAX_EVENTS);
                s.samples.put(id, held);
                heldOrder.addLast(held);
                if (s.samples.size() > SAMPLES_PER_SOURCE) {
                    forget(s.samples.values().iterator().next());
                }
            }
            int before = held.events();
            held.add(packet, t0, dt, xs, ys, ps, sentMillis);
            heldEvents += held.events() - before;
            while (heldEvents > HELD_EVENTS_BUDGET && heldOrder.size() > 1) {
                forget(heldOrder.peekFirst());
            }
        }
    }

    private void forget(HeldSample held) {
        heldOrder.remove(held);
        heldEvents -= held.events();
        Source s = sources.get(held.source());
        if (s != null) {
            s.samples.remove(held.sampleId(), held);
        }
    }

    /** Whether a source's last raster is at least {@code minMillis} old (or it has none). */
    synchronized boolean rasterDue(String source, long nowMillis, long minMillis) {
        Source s = sources.get(source);
        return s != null && (s.raster == null || nowMillis - s.rasterMillis >= minMillis);
    }

    /** Keeps {@code body} as the source's latest raster, under a new version, unless the source is unknown. */
    synchronized void raster(String source, Map<String, Object> body, long nowMillis) {
        Source s = sources.get(source);
        if (s != null) {
            s.raster = new ViewState.Raster(++rasterVersion, body);
            s.rasterMillis = nowMillis;
        }
    }

    /** The source's latest raster, while the board knows the source. */
    synchronized Optional<ViewState.Raster> raster(String source) {
        Source s = sources.get(source);
        return Optional.ofNullable(s == null ? null : s.raster);
    }

    /** Events held over all samples: never far above {@link #HELD_EVENTS_BUDGET}. */
    synchronized long heldEvents() {
        return heldEvents;
    }

    /** The held events of a source's sample, if the view still has them all. */
    synchronized Optional<HeldSample> sample(String source, String sampleId) {
        Source s = sources.get(source);
        HeldSample held = s == null ? null : s.samples.get(sampleId);
        return held != null && held.events() > 0 ? Optional.of(held) : Optional.empty();
    }

    /** When the last packet of a source's sample was sent, if the view saw the sample. */
    synchronized Optional<Long> lastSent(String source, String sampleId) {
        Source s = sources.get(source);
        HeldSample held = s == null ? null : s.samples.get(sampleId);
        return held == null ? Optional.empty() : Optional.of(held.lastSentMillis());
    }

    synchronized boolean knows(String source) {
        return sources.containsKey(source);
    }

    synchronized boolean watched(String source) {
        Source s = sources.get(source);
        return s != null && s.watchers > 0;
    }

    /** Starts (or joins) watching a source: its ring fills from now on. Empty when the source is unknown. */
    synchronized Optional<EventRing> watch(String source) {
        Source s = sources.get(source);
        if (s == null) {
            return Optional.empty();
        }
        if (s.ring == null) {
            s.ring = new EventRing(RING_EVENTS);
        }
        s.watchers++;
        return Optional.of(s.ring);
    }

    synchronized void unwatch(String source) {
        Source s = sources.get(source);
        if (s != null && --s.watchers <= 0) {
            s.watchers = 0;
            s.ring = null;
        }
    }

    /** Sources seen in the last minute, most recently seen first, with the lag a lookup gives per partition. */
    synchronized List<Row> rows(long nowMillis, ServiceLag lag) {
        List<Row> rows = new ArrayList<>();
        sources.values().stream().filter(s -> nowMillis - s.lastSeenMillis <= ACTIVE_MILLIS)
                .sorted(Comparator.comparingLong((Source s) -> -s.lastSeenMillis).thenComparing(s -> s.name))
                .forEach(s -> {
                    SensorGeometry g = geometry(s);
                    boolean planar = g.height() > 1;
                    rows.add(new Row(s.name, s.modality, s.rate.perSecond(nowMillis), lag.of(s.topic, s.partition),
                            s.lastSeenMillis, planar ? g.width() : 0, planar ? g.height() : 0, planar ? 0 : g.width()));
                });
        return rows;
    }

    /** The source's sensor: the model's for its modality, else the extent of the addresses seen. */
    synchronized SensorGeometry geometry(String source) {
        Source s = sources.get(source);
        return s == null ? SensorGeometry.channels(1) : geometry(s);
    }

    synchronized String modality(String source) {
        Source s = sources.get(source);
        return s == null ? null : s.modality;
    }

    private SensorGeometry geometry(Source s) {
        SensorGeometry g = expected.get(s.modality);
        if (g != null) {
            return g;
        }
        return s.maxY > 0 ? SensorGeometry.pixels(s.maxX + 1, s.maxY + 1) : SensorGeometry.channels(Math.max(1, s.maxX + 1));
    }
}

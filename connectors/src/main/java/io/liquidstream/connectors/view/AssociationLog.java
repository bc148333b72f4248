package io.liquidstream.connectors.view;

import io.liquidstream.core.stream.Modalities;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Match;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * The associations the view has read: the latest few for the feed, accuracy and confusion over every one
 * with a known label since the view started, and the latencies of the latest {@link #LATENCY_WINDOW} for
 * percentiles and the histogram. Bounded; synchronised on itself.
 */
final class AssociationLog {

    static final int FEED = 50;
    static final int LATENCY_WINDOW = 1_000;
    static final double[] UPPER_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000};
    private static final int MATCHES_SHOWN = 3;

    private record Entry(Association association, Double latencyMs) {
    }

    private final ArrayDeque<Entry> feed = new ArrayDeque<>();
    private final double[] endToEnd = new double[LATENCY_WINDOW];
    private final double[] inService = new double[LATENCY_WINDOW];
    private long endToEndCount;
    private long inServiceCount;
    private final Map<Integer, int[]> perClass = new HashMap<>();
    private final Map<Long, Integer> confusion = new HashMap<>();
    private final RateMeter rate = new RateMeter(5_000);

    /**
     * @param latencyMs end to end (the query's last events sent until this association was read), or null
     *     when the view did not see the query's events
     */
    synchronized void add(Association a, Double latencyMs, long nowMillis) {
        feed.addFirst(new Entry(a, latencyMs));
        if (feed.size() > FEED) {
            feed.pollLast();
        }
        if (latencyMs != null) {
            endToEnd[(int) (endToEndCount++ % LATENCY_WINDOW)] = latencyMs;
        }
        inService[(int) (inServiceCount++ % LATENCY_WINDOW)] = (a.getEmitMicros() - a.getWindowCloseMicros()) / 1000.0;
        rate.add(1, nowMillis);
        Integer label = a.getLabel();
        Integer predicted = a.getPredictedClass();
        if (label != null && predicted != null) {
            int[] counts = perClass.computeIfAbsent(label, k -> new int[2]);
            counts[1]++;
            if (label.equals(predicted)) {
                counts[0]++;
            }
            confusion.merge(((long) label << 32) | (predicted & 0xffffffffL), 1, Integer::sum);
        }
    }

    /** The feed, newest first, as the page shows it; {@code names} gives class names where known. */
    synchronized List<Map<String, Object>> feed(IntFunction<String> names) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry entry : feed) {
            Association a = entry.association();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", a.getSource().toString());
            m.put("modality", Modalities.name(a.getModality()));
            m.put("sampleId", a.getSampleId() == null ? null : a.getSampleId().toString());
            m.put("label", a.getLabel());
            m.put("predictedClass", a.getPredictedClass());
            m.put("className", a.getPredictedClass() == null ? null : names.apply(a.getPredictedClass()));
            m.put("predictedTrained", a.getPredictedTrained());
            m.put("correct", a.getLabel() == null || a.getPredictedClass() == null ? null
                    : a.getLabel().equals(a.getPredictedClass()));
            List<Map<String, Object>> matches = new ArrayList<>();
            Iterator<Match> it = a.getMatches().iterator();
            for (int k = 0; k < MATCHES_SHOWN && it.hasNext(); k++) {
                Match match = it.next();
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("classLabel", match.getClassLabel());
                mm.put("className", match.getClassLabel() == null ? null : names.apply(match.getClassLabel()));
                mm.put("modality", Modalities.name(match.getModality()));
                mm.put("score", round(match.getScore(), 3));
                matches.add(mm);
            }
            m.put("matches", matches);
            m.put("latencyMs", entry.latencyMs() == null ? null : round(entry.latencyMs(), 1));
            m.put("serviceMs", round((a.getEmitMicros() - a.getWindowCloseMicros()) / 1000.0, 1));
            m.put("emitMillis", a.getEmitMicros() / 1000);
            out.add(m);
        }
        return out;
    }

    synchronized Map<String, Object> accuracy() {
        TreeSet<Integer> classes = new TreeSet<>(perClass.keySet());
        confusion.keySet().forEach(k -> {
            classes.add((int) (k >> 32));
            classes.add((int) (long) k);
        });
        List<Integer> order = new ArrayList<>(classes);
        List<Map<String, Object>> rows = new ArrayList<>();
        int correct = 0;
        int total = 0;
        for (int c : order) {
            int[] counts = perClass.getOrDefault(c, new int[2]);
            if (counts[1] > 0) {
                rows.add(Map.of("classLabel", c, "correct", counts[0], "total", counts[1]));
            }
            correct += counts[0];
            total += counts[1];
        }
        int[][] matrix = new int[order.size()][order.size()];
        confusion.forEach((k, n) -> matrix[order.indexOf((int) (k >> 32))][order.indexOf((int) (long) k)] = n);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classes", order);
        m.put("perClass", rows);
        m.put("confusion", matrix);
        m.put("overall", Map.of("correct", correct, "total", total));
        return m;
    }

    /** Latency percentiles, the histogram and the association rate for the health panel. */
    synchronized Map<String, Object> health(long nowMillis) {
        double[] e2e = Arrays.copyOf(endToEnd, (int) Math.min(endToEndCount, LATENCY_WINDOW));
        double[] svc = Arrays.copyOf(inService, (int) Math.min(inServiceCount, LATENCY_WINDOW));
        Arrays.sort(e2e);
        Arrays.sort(svc);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("associationsPerSecond", round(rate.perSecond(nowMillis), 2));
        m.put("latencyP50Ms", percentile(e2e, 0.50));
        m.put("latencyP99Ms", percentile(e2e, 0.99));
        m.put("serviceP50Ms", percentile(svc, 0.50));
        m.put("serviceP99Ms", percentile(svc, 0.99));
        Map<String, Object> histogram = new LinkedHashMap<>();
        histogram.put("upperMs", UPPER_MS);
        histogram.put("endToEnd", buckets(e2e));
        histogram.put("inService", buckets(svc));
        m.put("latencyHistogram", histogram);
        return m;
    }

    private static Double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return null;
        }
        return round(sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)], 1);
    }

    private static int[] buckets(double[] values) {
        int[] counts = new int[UPPER_MS.length + 1];
        for (double v : values) {
            int b = 0;
            while (b < UPPER_MS.length && v > UPPER_MS[b]) {
                b++;
            }
            counts[b]++;
        }
        return counts;
    }

    static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }
}

package io.liquidstream.connectors.demo;

import io.liquidstream.core.stream.PipelineMetrics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The figures of one streaming demo run, as the closing table or one JSON line, and the live view's
 * lines while it runs. Accuracies are percent of labelled queries whose predicted class was right;
 * {@code latency} is from a sample's last event handed to the producer to its association read back
 * (both Kafka hops, windowing, reservoir, projection and association), {@code processing} the service's
 * own time from window close to the association emitted.
 */
public record DemoReport(StreamingDemo.Settings settings, String modelVersion, double modelSeconds, double streamedSeconds,
        long eventsSent, long samplesSent, double eventsIn, double windows, double deadLetters, Set<Integer> trainedClasses,
        Set<Integer> zeroShotClasses, double anchorsLiveSeconds, int unanswered, AssociationTally.Snapshot tally,
        String viewUrl) {

    /** The figures as one JSON object's fields, NaN as null. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windows", (long) windows);
        m.put("viewUrl", viewUrl);
        m.put("associations", tally.associations());
        m.put("eventsPerSecond", Math.round(eventsIn / streamedSeconds));
        m.put("windowsPerSecond", round(windows / streamedSeconds, 2));
        m.put("latencyP50Ms", round(tally.latencyP50(), 1));
        m.put("latencyP99Ms", round(tally.latencyP99(), 1));
        m.put("latencySamples", tally.latencySamples());
        m.put("processingP50Ms", round(tally.processingP50(), 1));
        m.put("processingP99Ms", round(tally.processingP99(), 1));
        putScore(m, "association", tally.trained(), trainedClasses.size(), tally.trainedByModality());
        m.put("associationAccuracyAfterAnchors", round(tally.trainedAfter().accuracy(), 2));
        m.put("associationSamplesAfterAnchors", tally.trainedAfter().count());
        putScore(m, "zeroShot", tally.zeroShot(), zeroShotClasses.size(), tally.zeroShotByModality());
        m.put("zeroShotDecidedWithinModalityPercent", round(tally.zeroShotWithinModality().accuracy(), 2));
        m.put("zeroShotAmongNewClassesAccuracy", round(tally.zeroShotAmongNew().accuracy(), 2));
        m.put("zeroShotBeforeAnchorsAccuracy", round(tally.zeroShotBefore().accuracy(), 2));
        m.put("zeroShotBeforeAnchorsSamples", tally.zeroShotBefore().count());
        m.put("anchorsLiveSeconds", round(anchorsLiveSeconds, 1));
        m.put("pairedWithRecentWindow", tally.pairedSameTrial().count());
        m.put("pairedSameTrialPercent", round(tally.pairedSameTrial().accuracy(), 2));
        m.put("deadLetters", (long) deadLetters);
        m.put("unanswered", unanswered);
        m.put("samplesSent", samplesSent);
        m.put("sourceGroups", settings.groups());
        m.put("speed", settings.speed());
        m.put("seconds", round(streamedSeconds, 1));
        m.put("modelSeconds", round(modelSeconds, 1));
        m.put("modelVersion", modelVersion);
        return m;
    }

    /** The closing table. */
    public void table(PrintWriter out) {
        int all = trainedClasses.size() + zeroShotClasses.size();
        out.println();
        out.printf("LiquidStream demo: %.0f s of live neural + event-camera handwriting through Kafka%n", streamedSeconds);
        out.printf("  model          %s (version %s), ready in %.1f s%n", settings.model() != null ? settings.model()
                : "built-in: SupCon heads on neural + vision pairs of classes " + trainedClasses, modelVersion, modelSeconds);
        out.printf("  sources        %d groups x (neural 192 electrodes, camera 34x34), %sx real time, %d samples sent%n",
                settings.groups(), number(settings.speed()), samplesSent);
        out.printf("  throughput     %,.0f events/s in, %.2f windows/s, %d windows, %d associations, %d dead letters%n",
                eventsIn / streamedSeconds, windows / streamedSeconds, (long) windows, tally.associations(),
                (long) deadLetters);
        out.printf("  latency        last event sent -> association read: p50 %.0f ms, p99 %.0f ms (%d samples)%n",
                tally.latencyP50(), tally.latencyP99(), tally.latencySamples());
        out.printf("                 window close -> association emitted (in the service): p50 %.1f ms, p99 %.1f ms%n",
                tally.processingP50(), tally.processingP99());
        out.printf("  association    classes %s: %s of %d queries (chance %.1f %% among %d classes)%s%n",
                range(trainedClasses), percent(tally.trained().accuracy()), tally.trained().count(), 100.0 / all, all,
                byQuery(tally.trainedByModality()));
        if (zeroShotClasses.isEmpty()) {
            out.println("  zero-shot      none: the model has anchors for every class of the built-in data");
        } else {
            out.printf("  zero-shot      classes %s after their anchors went live at %.1f s: %s of %d queries "
                    + "(never trained on; chance %.1f %%)%s%n", range(zeroShotClasses), anchorsLiveSeconds,
                    percent(tally.zeroShot().accuracy()), tally.zeroShot().count(), 100.0 / all,
                    byQuery(tally.zeroShotByModality()));
            out.printf("                 open set: prototypes of all %d classes in both modalities; %s of these queries "
                    + "decided by a prototype of their own modality (few-shot), the rest cross-modal%n", all,
                    percent(tally.zeroShotWithinModality().accuracy()));
            out.printf("                 classes %s meanwhile: %s of %d queries%n", range(trainedClasses),
                    percent(tally.trainedAfter().accuracy()), tally.trainedAfter().count());
            out.printf("                 among the new classes only (the seed's protocol): %s (chance %.1f %%)%n",
                    percent(tally.zeroShotAmongNew().accuracy()), 100.0 / zeroShotClasses.size());
            out.printf("                 before the anchors: %s of %d queries%n", percent(tally.zeroShotBefore().accuracy()),
                    tally.zeroShotBefore().count());
        }
        out.printf("  recent windows %d of %d queries paired with the other view's window that started with them; "
                + "%s of those the same trial%n", tally.pairedSameTrial().count(), tally.associations(),
                percent(tally.pairedSameTrial().accuracy()));
        if (unanswered > 0) {
            out.printf("  unanswered     %d samples sent had no association when the demo stopped%n", unanswered);
        }
        out.flush();
    }

    /** The live view: one line per refresh. */
    static final class Live {
        private final Set<Integer> trained;
        private final Set<Integer> zeroShot;
        private boolean anchorsLive;
        private double lastSeconds;
        private double lastEvents;
        private long lastAssociations;

        Live(Set<Integer> trained, Set<Integer> zeroShot) {
            this.trained = trained;
            this.zeroShot = zeroShot;
        }

        void anchorsLive() {
            anchorsLive = true;
        }

        String line(double seconds, PipelineMetrics metrics, AssociationTally.Snapshot t) {
            double events = metrics.total("liquidstream.events.in");
            double dt = Math.max(1e-3, seconds - lastSeconds);
            String line = String.format(Locale.ROOT, "%5.0fs  in %7s ev/s  windows %5.0f  %5.1f assoc/s  latency p50 %5s "
                    + "p99 %5s ms  classes %s %6s  zero-shot %s %s", seconds, compact((events - lastEvents) / dt),
                    metrics.total("liquidstream.windows"), (t.associations() - lastAssociations) / dt,
                    millis(t.recentLatencyP50()), millis(t.recentLatencyP99()), range(trained),
                    percent(t.trained().recentAccuracy()), range(zeroShot),
                    zeroShot.isEmpty() ? "-" : anchorsLive ? percent(t.zeroShot().recentAccuracy()) + " (among "
                            + range(zeroShot) + " only " + percent(t.zeroShotAmongNew().recentAccuracy()) + ")"
                            : percent(t.zeroShotBefore().recentAccuracy()) + " (no anchors yet)");
            lastSeconds = seconds;
            lastEvents = events;
            lastAssociations = t.associations();
            return line;
        }
    }

    private static String byQuery(Map<String, AssociationTally.Figures> byModality) {
        StringBuilder b = new StringBuilder();
        byModality.forEach((k, v) -> b.append(b.length() == 0 ? "; " : ", ").append(k).append(" queries ")
                .append(percent(v.accuracy())));
        return b.toString();
    }

    static String range(Set<Integer> classes) {
        if (classes.isEmpty()) {
            return "-";
        }
        int lo = classes.stream().min(Integer::compare).orElseThrow();
        int hi = classes.stream().max(Integer::compare).orElseThrow();
        return hi - lo + 1 == classes.size() ? lo + "-" + hi : classes.toString();
    }

    static String percent(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.1f %%", p);
    }

    static String seconds(Duration d) {
        return number(d.toMillis() / 1000.0) + " s";
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.0f", ms);
    }

    private static String compact(double v) {
        return v >= 1e6 ? String.format(Locale.ROOT, "%.2fM", v / 1e6)
                : v >= 1e3 ? String.format(Locale.ROOT, "%.1fk", v / 1e3) : String.format(Locale.ROOT, "%.0f", v);
    }

    /** Rounded, or null when not measured (NaN), so the JSON stays valid. */
    /** A score's accuracy, classes, queries and accuracy by query modality as {@code <name>Accuracy} etc. */
    private static void putScore(Map<String, Object> m, String name, AssociationTally.Figures score, int classes,
            Map<String, AssociationTally.Figures> byModality) {
        m.put(name + "Accuracy", round(score.accuracy(), 2));
        m.put(name + "Classes", classes);
        m.put(name + "Samples", score.count());
        Map<String, Object> accuracies = new LinkedHashMap<>();
        byModality.forEach((k, v) -> accuracies.put(k, round(v.accuracy(), 2)));
        m.put(name + "AccuracyByQuery", accuracies);
    }

    private static Double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Double.isNaN(v) ? null : Math.round(v * f) / f;
    }
}

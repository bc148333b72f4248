package io.liquidstream.connectors.demo;

import io.liquidstream.connectors.replay.AnswerReader;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Match;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Reads the service's association results and scores them against the labels the simulated sources
 * put on their samples: accuracy of the queries of the trained classes, and of the zero-shot classes
 * before and after their anchors went live, over the whole run and over the most recent queries; and
 * the end-to-end latency from a sample's last event handed to the producer to its association read
 * back ({@link AnswerReader}), beside the service's own window-close-to-emit time. Runs its consumer on
 * one thread until {@link #stop()}; the other methods may be called from any thread.
 */
final class AssociationTally implements Runnable {

    /** Right and wrong answers of one kind of query, overall and over the last {@code window}. */
    static final class Score {
        private final boolean[] ring;
        private long count;
        private long correct;
        private int recentCorrect;

        Score(int window) {
            this.ring = new boolean[window];
        }

        void add(boolean right) {
            int slot = (int) (count % ring.length);
            if (count >= ring.length && ring[slot]) {
                recentCorrect--;
            }
            ring[slot] = right;
            if (right) {
                recentCorrect++;
                correct++;
            }
            count++;
        }

        long count() {
            return count;
        }

        /** Percent correct over the run; NaN before the first query. */
        double accuracy() {
            return count == 0 ? Double.NaN : 100.0 * correct / count;
        }

        /** Percent correct over the most recent queries; NaN before the first query. */
        double recentAccuracy() {
            long n = Math.min(count, ring.length);
            return n == 0 ? Double.NaN : 100.0 * recentCorrect / n;
        }
    }

    private final AnswerReader reader;
    private final Set<Integer> trainedClasses;
    private final Set<Integer> zeroShotClasses;
    private final Score trained = new Score(200);
    private final Score zeroShot = new Score(100);
    private final Score zeroShotBefore = new Score(100);
    private final Score zeroShotAmongNew = new Score(100);
    private final Score trainedAfter = new Score(200);
    private final Score zeroShotWithinModality = new Score(100);
    private final Score pairedSameTrial = new Score(200);
    private final Map<String, Score> trainedByModality = new LinkedHashMap<>();
    private final Map<String, Score> zeroShotByModality = new LinkedHashMap<>();
    private final LatencySamples endToEnd = new LatencySamples(1 << 16, 256);
    private final LatencySamples processing = new LatencySamples(1 << 16, 256);
    private long associations;
    private long unlabelled;
    private long anchorsLiveMicros = Long.MAX_VALUE;

    /** @param consumer subscribed to the associations topic (read_committed), used only by {@link #run()} */
    AssociationTally(Consumer<String, byte[]> consumer, Set<Integer> trainedClasses, Set<Integer> zeroShotClasses) {
        this.trainedClasses = Set.copyOf(trainedClasses);
        this.zeroShotClasses = Set.copyOf(zeroShotClasses);
        // Bounded, as a sample the service dead-letters is never answered.
        this.reader = new AnswerReader(consumer, 10_000, AnswerReader.BY_SOURCE_AND_SAMPLE, this::add);
    }

    /** A sample's last packet was handed to the producer now. */
    void sent(String source, String sampleId) {
        reader.sent(source, sampleId);
    }

    /** From this wall-clock time (µs since the epoch) on, windows closing see the zero-shot anchors. */
    synchronized void anchorsLive(long wallMicros) {
        anchorsLiveMicros = wallMicros;
    }

    /** Samples sent whose association has not been read yet. */
    int awaiting() {
        return reader.awaiting();
    }

    @Override
    public void run() {
        reader.run();
    }

    void stop() {
        reader.close();
    }

    private synchronized void add(Association a, AnswerReader.Sent sent, long nowNanos) {
        associations++;
        if (sent != null) {
            endToEnd.record((nowNanos - sent.nanos()) / 1e6);
        }
        processing.record((a.getEmitMicros() - a.getWindowCloseMicros()) / 1e3);
        // Both views of a demo trial carry the same sample id: a paired recent window is right when it is the same trial.
        for (Match m : a.getMatches()) {
            if (m.getSampleId() != null) {
                pairedSameTrial.add(m.getSampleId().toString().equals(String.valueOf(a.getSampleId())));
                break;
            }
        }
        Integer label = a.getLabel();
        if (label == null) {
            unlabelled++;
            return;
        }
        boolean right = label.equals(a.getPredictedClass());
        String modality = a.getModality().name().toLowerCase(Locale.ROOT);
        boolean anchorsLive = a.getWindowCloseMicros() >= anchorsLiveMicros;
        if (trainedClasses.contains(label)) {
            trained.add(right);
            trainedByModality.computeIfAbsent(modality, m -> new Score(200)).add(right);
            if (anchorsLive) {
                trainedAfter.add(right);
            }
        } else if (zeroShotClasses.contains(label)) {
            if (anchorsLive) {
                zeroShot.add(right);
                zeroShotAmongNew.add(label.equals(nearestNewAnchor(a)));
                zeroShotByModality.computeIfAbsent(modality, m -> new Score(100)).add(right);
                // The first match decided: a prototype of the query's own modality is few-shot recognition.
                zeroShotWithinModality.add(!a.getMatches().isEmpty()
                        && a.getMatches().get(0).getModality() == a.getModality());
            } else {
                zeroShotBefore.add(right);
            }
        }
    }

    /**
     * The seed's zero-shot protocol retrieves among the new classes only: the class of the best prototype
     * match of a zero-shot class (the service lists every prototype when its top-k covers them all; a
     * prototype match has a class and no sample id, and new classes are never shifted by calibration, so
     * the first one listed is the closest).
     */
    private Integer nearestNewAnchor(Association a) {
        for (Match m : a.getMatches()) {
            if (m.getClassLabel() != null && zeroShotClasses.contains(m.getClassLabel()) && m.getSampleId() == null) {
                return m.getClassLabel();
            }
        }
        return null;
    }

    /** A consistent copy of the figures so far. */
    synchronized Snapshot snapshot() {
        return new Snapshot(associations, unlabelled, copy(trained), copy(trainedAfter), copy(zeroShot), copy(zeroShotBefore),
                copy(zeroShotAmongNew), copy(zeroShotWithinModality), copy(pairedSameTrial), copyAll(trainedByModality), copyAll(zeroShotByModality), endToEnd.count(),
                endToEnd.percentile(0.5), endToEnd.percentile(0.99), endToEnd.recentPercentile(0.5),
                endToEnd.recentPercentile(0.99), processing.percentile(0.5), processing.percentile(0.99));
    }

    /**
     * Figures at one moment; accuracies in percent, latencies in milliseconds, NaN where nothing was measured.
     * {@code trainedAfter}: trained-class queries once the zero-shot anchors were live (competing with them);
     * {@code zeroShotWithinModality}: share of zero-shot queries decided by a prototype of their own modality;
     * {@code pairedSameTrial}: of the queries paired with a recent window of the other view, the share
     * paired with the same trial ({@code count}: how many were paired at all).
     */
    record Snapshot(long associations, long unlabelled, Figures trained, Figures trainedAfter, Figures zeroShot,
            Figures zeroShotBefore, Figures zeroShotAmongNew, Figures zeroShotWithinModality, Figures pairedSameTrial,
            Map<String, Figures> trainedByModality, Map<String, Figures> zeroShotByModality, long latencySamples,
            double latencyP50, double latencyP99, double recentLatencyP50, double recentLatencyP99,
            double processingP50, double processingP99) {
    }

    /** One score's figures. */
    record Figures(long count, double accuracy, double recentAccuracy) {
    }

    private static Figures copy(Score s) {
        return new Figures(s.count(), s.accuracy(), s.recentAccuracy());
    }

    private static Map<String, Figures> copyAll(Map<String, Score> scores) {
        Map<String, Figures> out = new LinkedHashMap<>();
        scores.forEach((k, v) -> out.put(k, copy(v)));
        return out;
    }
}

package io.liquidstream.cli;

import io.liquidstream.core.evaluation.GeneralizedZeroShot;
import io.liquidstream.core.evaluation.SeenMarginCalibration;
import io.liquidstream.core.evaluation.ZeroShotProtocol;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The generalized (open-set) figures of {@code eval zero-shot} over seeds, as JSON keys and table rows
 * (docs/generalized-zero-shot.md). Direction 0 is A queries against image prototypes, 1 the other way.
 */
final class GeneralizedReport {

    /** One seed: calibration, and the test-split figures at its margins and at 0, per direction. */
    record Run(SeenMarginCalibration.Result calibration, GeneralizedZeroShot.Accuracy[] calibrated,
            GeneralizedZeroShot.Accuracy[] uncalibrated, double[] margins, int[] queries) {

        static Run of(SeenMarginCalibration.Result calibration, ZeroShotProtocol.GeneralizedScores test, String modalityA,
                String modalityB) {
            double[] margins = {calibration.seenMargins().get(modalityA), calibration.seenMargins().get(modalityB)};
            return new Run(calibration,
                    new GeneralizedZeroShot.Accuracy[] {test.aToB().accuracy(margins[0]), test.bToA().accuracy(margins[1])},
                    new GeneralizedZeroShot.Accuracy[] {test.aToB().accuracy(0), test.bToA().accuracy(0)}, margins,
                    new int[] {test.aToB().queries(), test.bToA().queries()});
        }
    }

    private final List<Run> runs;
    private final String[] modalities;
    private final String[] directions;

    /** @param modalityA the non-image side (audio or neural); {@code modalityB} the image side (vision) */
    GeneralizedReport(List<Run> runs, String modalityA, String modalityB) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("expected at least one seed's figures, found none");
        }
        this.runs = List.copyOf(runs);
        this.modalities = new String[] {modalityA, modalityB};
        this.directions = new String[] {modalityA + "ToImage", "imageTo" + cap(modalityA)};
    }

    /**
     * Adds {@code generalized.<direction>.seen|unseen|harmonic} (calibrated, percent, mean over seeds), the
     * same at margin 0 under {@code generalizedUncalibrated}, sds under the {@code ...Sd} keys, the margins
     * per query modality, the calibrated and uncalibrated figures per seed, what calibration held out, chose
     * and reached on validation per seed, and the query counts.
     */
    void addTo(Map<String, Object> m) {
        m.put("generalized", figures(true, false));
        m.put("generalizedSd", figures(true, true));
        m.put("generalizedUncalibrated", figures(false, false));
        m.put("generalizedUncalibratedSd", figures(false, true));
        Map<String, Object> margins = new LinkedHashMap<>();
        Map<String, Object> marginsSd = new LinkedHashMap<>();
        for (int d = 0; d < 2; d++) {
            int k = d;
            double[] ms = stats(r -> r.margins()[k]);
            margins.put(modalities[d], Json.round(ms[0], 4));
            marginsSd.put(modalities[d], Json.round(ms[1], 4));
        }
        m.put("seenMargins", margins);
        m.put("seenMarginsSd", marginsSd);
        m.put("generalizedPerSeed", runs.stream().map(r -> directions(r.calibrated())).toList());
        m.put("generalizedUncalibratedPerSeed", runs.stream().map(r -> directions(r.uncalibrated())).toList());
        Map<String, Object> cal = new LinkedHashMap<>();
        cal.put("method", "calibrated stacking; margin maximising H on pseudo-unseen training classes");
        cal.put("perSeed", runs.stream().map(r -> {
            Map<String, Object> seed = new LinkedHashMap<>();
            seed.put("pseudoUnseenClasses", List.copyOf(r.calibration().pseudoUnseen()));
            seed.put("seenMargins", byModality(r.calibration().seenMargins(), 4, Double::doubleValue));
            seed.put("validationHarmonic", byModality(r.calibration().calibrated(), 2, GeneralizedZeroShot.Accuracy::harmonic));
            seed.put("validationHarmonicUncalibrated", byModality(r.calibration().uncalibrated(), 2,
                    GeneralizedZeroShot.Accuracy::harmonic));
            return seed;
        }).toList());
        m.put("calibration", cal);
        Map<String, Object> sizes = new LinkedHashMap<>();
        Run last = runs.get(runs.size() - 1);
        sizes.put("queries" + cap(modalities[0]), last.queries()[0]);
        sizes.put("queriesImage", last.queries()[1]);
        m.put("generalizedSizes", sizes);
    }

    /** Rows beneath the closed figures: per direction calibrated (with its margin), then uncalibrated. */
    void print(PrintWriter out) {
        out.printf("  generalized: every class competes (prototypes from the other modality's test samples)%n");
        out.printf("  %-18s %-22s %-22s %-22s%n", "", "seen", "unseen", "H");
        String[] names = {modalities[0] + " -> image", "image -> " + modalities[0]};
        for (int d = 0; d < 2; d++) {
            int k = d;
            for (boolean calibrated : new boolean[] {true, false}) {
                double[] s = stats(r -> pick(r, calibrated)[k].seen());
                double[] u = stats(r -> pick(r, calibrated)[k].unseen());
                double[] h = stats(r -> pick(r, calibrated)[k].harmonic());
                double[] margin = stats(r -> r.margins()[k]);
                out.printf("  %-18s %6.2f ± %-13.2f %6.2f ± %-13.2f %6.2f ± %-13.2f %s%n",
                        calibrated ? names[d] : "  uncalibrated", s[0], s[1], u[0], u[1], h[0], h[1],
                        calibrated ? String.format("margin %.3f ± %.3f", margin[0], margin[1]) : "margin 0");
            }
        }
        out.printf("  %-18s pseudo-unseen training classes per seed %s%n", "calibration",
                runs.stream().map(r -> r.calibration().pseudoUnseen().toString()).toList());
    }

    private Map<String, Object> figures(boolean calibrated, boolean sd) {
        int i = sd ? 1 : 0;
        Map<String, Object> out = new LinkedHashMap<>();
        for (int d = 0; d < 2; d++) {
            int k = d;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("seen", Json.round(stats(r -> pick(r, calibrated)[k].seen())[i], 2));
            v.put("unseen", Json.round(stats(r -> pick(r, calibrated)[k].unseen())[i], 2));
            v.put("harmonic", Json.round(stats(r -> pick(r, calibrated)[k].harmonic())[i], 2));
            out.put(directions[d], v);
        }
        return out;
    }

    private Map<String, Object> directions(GeneralizedZeroShot.Accuracy[] figures) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int d = 0; d < 2; d++) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("seen", Json.round(figures[d].seen(), 2));
            v.put("unseen", Json.round(figures[d].unseen(), 2));
            v.put("harmonic", Json.round(figures[d].harmonic(), 2));
            out.put(directions[d], v);
        }
        return out;
    }

    private <T> Map<String, Object> byModality(Map<String, T> values, int decimals, ToDoubleFunction<T> number) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (String mod : modalities) {
            v.put(mod, Json.round(number.applyAsDouble(values.get(mod)), decimals));
        }
        return v;
    }

    private static GeneralizedZeroShot.Accuracy[] pick(Run r, boolean calibrated) {
        return calibrated ? r.calibrated() : r.uncalibrated();
    }

    /** Mean and sample standard deviation over seeds (0 for one seed), as the closed figures. */
    private double[] stats(ToDoubleFunction<Run> value) {
        double[] v = runs.stream().mapToDouble(value).toArray();
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0};
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

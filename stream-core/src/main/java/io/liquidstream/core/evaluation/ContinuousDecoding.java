package io.liquidstream.core.evaluation;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.readout.AffineMap;
import io.liquidstream.core.readout.LinearReadout;
import io.liquidstream.core.readout.RegressionScore;
import io.liquidstream.core.readout.RidgeRegression;
import io.liquidstream.core.reservoir.LifReservoir;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Continuous decoding on held-out trials (e.g. pen velocity from motor cortex), the liquid's regression
 * read-out beside the field's linear baselines on the same binned data: the Wiener filter (ridge
 * regression from the latest binned counts of every channel) and the Kalman filter (velocity state,
 * linear observation of the counts). Each method's settings (read-out window, lags, ridge penalty) are
 * chosen on a validation part of the training trials, never on the test trials; the chosen one is refitted
 * on all training trials and scored once on the test trials: R² and correlation per target, over every
 * bin of every test trial.
 */
public final class ContinuousDecoding {

    /**
     * What is tried.
     *
     * @param liquidBins read-out windows of the liquid (bins of history) to choose from
     * @param liquidSegments parts each read-out window is split into
     * @param wiener Wiener filter inputs to choose from
     * @param kalman Kalman filter observations to choose from, as {@code {lag, span}} pairs in bins
     * @param validationFraction share of the training trials held out to choose settings
     * @param trainStride every how many bins a training trial yields a row (bounds the rows, and so memory)
     * @param seed which training trials are held out
     */
    public record Settings(int[] liquidBins, int liquidSegments, List<WienerFeatures> wiener, List<int[]> kalman,
            double validationFraction, int trainStride, long seed) {

        public Settings {
            if (liquidBins.length == 0 || liquidSegments < 1 || !(validationFraction > 0 && validationFraction < 1)
                    || trainStride < 1) {
                throw new IllegalArgumentException("expected read-out windows, segments >= 1, a validation fraction in "
                        + "(0, 1) and a stride >= 1, found " + liquidBins.length + " windows, " + liquidSegments
                        + " segments, " + validationFraction + ", " + trainStride);
            }
        }

        /**
         * Liquid read-outs over the latest 100 or 200 ms (10 ms bins), Wiener filters over 10 lags of 10 or
         * 20 ms, Kalman observations of 50 or 100 ms ending now or 50 ms ago; a fifth of the training trials
         * validates; every second bin of a training trial is a row.
         */
        public static Settings defaults() {
            return new Settings(new int[] {10, 20}, 1, List.of(new WienerFeatures(10, 1), new WienerFeatures(10, 2)),
                    List.of(new int[] {0, 5}, new int[] {0, 10}, new int[] {5, 5}), 0.2, 2, 1);
        }
    }

    /** One decoder's chosen setting and its scores. */
    public record Method(String name, String setting, double penalty, int features, RegressionScore validation,
            RegressionScore test) {
    }

    /** Every method's result on the test trials. */
    public record Report(List<String> targets, int trainTrials, int testTrials, int testBins, List<Method> methods) {
    }

    /** A fitted liquid read-out and how its setting was chosen. */
    public record FittedReadout(LinearReadout readout, double penalty, RegressionScore validation) {
    }

    private ContinuousDecoding() {
    }

    /**
     * Fits the liquid's regression read-out: the read-out window and penalty chosen on the validation
     * trials, then refitted on all training trials.
     */
    public static FittedReadout fitReadout(List<DecodingTrial> train, InputSpec input, LifReservoir reservoir,
            List<String> targets, Settings s, Consumer<String> progress) {
        Split split = split(train, s);
        Choice best = null;
        for (int bins : s.liquidBins()) {
            progress.accept("liquid read-out over " + bins + " bins: fitting on " + split.fit.size() + " trials");
            Rows fit = rows(split.fit, t -> LiquidFeatures.of(t, input, reservoir, bins, s.liquidSegments()),
                    s.trainStride());
            Rows validation = rows(split.validation, t -> LiquidFeatures.of(t, input, reservoir, bins,
                    s.liquidSegments()), s.trainStride());
            best = better(best, choose(bins, fit, validation));
        }
        int bins = best.setting;
        progress.accept("liquid read-out over " + bins + " bins, penalty " + best.penalty + ": refitting on "
                + train.size() + " trials");
        Rows all = rows(train, t -> LiquidFeatures.of(t, input, reservoir, bins, s.liquidSegments()), s.trainStride());
        AffineMap map = RidgeRegression.of(all.x, all.y).solve(best.penalty);
        return new FittedReadout(new LinearReadout(targets, bins, s.liquidSegments(), train.get(0).binMicros(), map),
                best.penalty, best.validation);
    }

    /** Fits every method on {@code train} (settings chosen on part of it) and scores it on {@code test}. */
    public static Report run(List<DecodingTrial> train, List<DecodingTrial> test, InputSpec input,
            LifReservoir reservoir, List<String> targets, Settings s, Consumer<String> progress) {
        List<Method> methods = new ArrayList<>();
        float[][] truth = targets(test);

        FittedReadout liquid = fitReadout(train, input, reservoir, targets, s, progress);
        progress.accept("liquid read-out: decoding " + test.size() + " test trials");
        List<float[]> predicted = new ArrayList<>();
        for (DecodingTrial t : test) {
            for (float[] row : LiquidFeatures.of(t, input, reservoir, liquid.readout().bins(), s.liquidSegments())) {
                predicted.add(liquid.readout().apply(row));
            }
        }
        methods.add(new Method("liquid read-out", "rates of " + reservoir.neurons() + " neurons over the latest "
                + liquid.readout().bins() + " bins" + (s.liquidSegments() > 1 ? " in " + s.liquidSegments() + " parts" : ""),
                liquid.penalty(), liquid.readout().inputs(), liquid.validation(),
                RegressionScore.of(predicted.toArray(new float[0][]), truth)));

        Split split = split(train, s);
        Choice wiener = null;
        for (int i = 0; i < s.wiener().size(); i++) {
            WienerFeatures f = s.wiener().get(i);
            progress.accept("Wiener filter, " + f + ": fitting on " + split.fit.size() + " trials");
            wiener = better(wiener, choose(i, rows(split.fit, t -> f.of(t, input), s.trainStride()),
                    rows(split.validation, t -> f.of(t, input), s.trainStride())));
        }
        WienerFeatures chosen = s.wiener().get(wiener.setting);
        progress.accept("Wiener filter, " + chosen + ", penalty " + wiener.penalty + ": refitting on " + train.size()
                + " trials");
        Rows all = rows(train, t -> chosen.of(t, input), s.trainStride());
        AffineMap filter = RidgeRegression.of(all.x, all.y).solve(wiener.penalty);
        predicted.clear();
        for (DecodingTrial t : test) {
            for (float[] row : chosen.of(t, input)) {
                predicted.add(filter.apply(row));
            }
        }
        methods.add(new Method("Wiener filter", "binned counts of " + input.inputs() + " channels, " + chosen,
                wiener.penalty, filter.inputs(), wiener.validation, RegressionScore.of(predicted.toArray(new float[0][]),
                        truth)));

        if (!s.kalman().isEmpty()) {
            methods.add(kalman(train, test, input, s, split, truth, progress));
        }
        return new Report(List.copyOf(targets), train.size(), test.size(), truth.length, List.copyOf(methods));
    }

    private static Method kalman(List<DecodingTrial> train, List<DecodingTrial> test, InputSpec input, Settings s,
            Split split, float[][] truth, Consumer<String> progress) {
        int[] best = null;
        RegressionScore bestScore = null;
        for (int[] lagSpan : s.kalman()) {
            progress.accept("Kalman filter, lag " + lagSpan[0] + " span " + lagSpan[1] + ": fitting on "
                    + split.fit.size() + " trials");
            KalmanFilterDecoder k = kalmanFit(split.fit, input, lagSpan);
            RegressionScore score = kalmanScore(k, split.validation, input, targets(split.validation));
            if (bestScore == null || score.meanR2() > bestScore.meanR2()) {
                best = lagSpan;
                bestScore = score;
            }
        }
        progress.accept("Kalman filter, lag " + best[0] + " span " + best[1] + ": refitting on " + train.size()
                + " trials");
        KalmanFilterDecoder k = kalmanFit(train, input, best);
        return new Method("Kalman filter", "counts of " + input.inputs() + " channels over " + best[1] + " bins, "
                + best[0] + " bins before the state", Double.NaN, input.inputs(), bestScore,
                kalmanScore(k, test, input, truth));
    }

    private static KalmanFilterDecoder kalmanFit(List<DecodingTrial> trials, InputSpec input, int[] lagSpan) {
        List<int[][]> counts = new ArrayList<>();
        List<float[][]> targets = new ArrayList<>();
        for (DecodingTrial t : trials) {
            counts.add(t.counts(input));
            targets.add(t.targets());
        }
        return KalmanFilterDecoder.fit(counts, targets, lagSpan[0], lagSpan[1]);
    }

    private static RegressionScore kalmanScore(KalmanFilterDecoder k, List<DecodingTrial> trials, InputSpec input,
            float[][] truth) {
        List<float[]> predicted = new ArrayList<>();
        for (DecodingTrial t : trials) {
            Collections.addAll(predicted, k.decode(t.counts(input)));
        }
        return RegressionScore.of(predicted.toArray(new float[0][]), truth);
    }

    /** The validation trials: a seeded {@code validationFraction} of the training trials, at least one. */
    private static Split split(List<DecodingTrial> train, Settings s) {
        if (train.size() < 2) {
            throw new IllegalArgumentException("expected at least 2 training trials (to hold some out for validation), "
                    + "found " + train.size());
        }
        List<DecodingTrial> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(s.seed()));
        int held = Math.max(1, (int) Math.round(train.size() * s.validationFraction()));
        return new Split(shuffled.subList(held, shuffled.size()), shuffled.subList(0, held));
    }

    private record Split(List<DecodingTrial> fit, List<DecodingTrial> validation) {
    }

    private record Rows(float[][] x, float[][] y) {
    }

    private interface FeatureRows {
        float[][] of(DecodingTrial trial);
    }

    /** Every {@code stride}-th bin of each trial as a row of features and targets. */
    private static Rows rows(List<DecodingTrial> trials, FeatureRows features, int stride) {
        List<float[]> x = new ArrayList<>();
        List<float[]> y = new ArrayList<>();
        for (DecodingTrial t : trials) {
            float[][] f = features.of(t);
            for (int b = 0; b < f.length; b += stride) {
                x.add(f[b]);
                y.add(t.targets()[b]);
            }
        }
        return new Rows(x.toArray(new float[0][]), y.toArray(new float[0][]));
    }

    private static float[][] targets(List<DecodingTrial> trials) {
        List<float[]> out = new ArrayList<>();
        for (DecodingTrial t : trials) {
            Collections.addAll(out, t.targets());
        }
        return out.toArray(new float[0][]);
    }

    private record Choice(int setting, double penalty, RegressionScore validation) {
    }

    private static Choice choose(int setting, Rows fit, Rows validation) {
        RidgeRegression.Selection sel = RidgeRegression.select(fit.x, fit.y, validation.x, validation.y,
                RidgeRegression.PENALTIES);
        RegressionScore score = sel.trials().stream().filter(t -> t.penalty() == sel.penalty()).findFirst()
                .orElseThrow().validation();
        return new Choice(setting, sel.penalty(), score);
    }

    private static Choice better(Choice a, Choice b) {
        return a == null || b.validation().meanR2() > a.validation().meanR2() ? Objects.requireNonNull(b) : a;
    }
}

package io.liquidstream.connectors.synth.strokes;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The built-in paired data set: handwritten characters (digits, lower-case letters, or both; see
 * {@link CharacterSet} for the labels) where each trial is one pen trajectory seen
 * two ways, as the rendered image of what was written and as the motor-cortex spiking recorded
 * while writing it. Both modalities derive from the same movement, so they share structure.
 *
 * <p>One recorded "person" (neural population) serves every split; the split only changes the
 * trial seeds, so train and test hold different trials of the same brain, and no trial repeats.
 */
public final class StrokeDataset {

    public static final String TRAIN = "train";
    public static final String TEST = "test";

    /** One trial: the trajectory, its {@code 28 × 28} rendering and the neural recording of the same movement. */
    public record Trial(String id, int label, PenTrajectory trajectory, float[] image, Events neural) {

        public Trial {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(trajectory, "trajectory");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(neural, "neural");
        }

        /** The neural recording as a labelled sample for the event pipeline. */
        public LabeledSample neuralSample() {
            return new LabeledSample(id, label, neural);
        }
    }

    /** Everything that shapes the data besides the seed and split. */
    public record Config(TrialVariation.Config variation, MotorCortexModel.Config neural, int imageWidth,
            int imageHeight, double strokeWidthPx) {

        public Config {
            Objects.requireNonNull(variation, "variation");
            Objects.requireNonNull(neural, "neural");
            if (imageWidth <= 0 || imageHeight <= 0 || !(strokeWidthPx > 0)) {
                throw new IllegalArgumentException("image size and stroke width must be positive, found "
                        + imageWidth + "x" + imageHeight + " with stroke " + strokeWidthPx + " px");
            }
        }

        /** MNIST-sized images, default variation, 192 electrodes. */
        public static Config defaults() {
            return new Config(TrialVariation.Config.defaults(), MotorCortexModel.Config.defaults(), 28, 28, 2.2);
        }
    }

    private StrokeDataset() {
    }

    /** {@link #generate(Config, int, int, String, long, IntConsumer)} with {@link Config#defaults()}. */
    public static List<Trial> generate(int classes, int trialsPerClass, String split, long seed, IntConsumer progress) {
        return generate(Config.defaults(), classes, trialsPerClass, split, seed, progress);
    }

    /** {@link #generate(Config, List, int, String, long, IntConsumer)} of a character set with {@link Config#defaults()}. */
    public static List<Trial> generate(CharacterSet characters, int trialsPerClass, String split, long seed,
            IntConsumer progress) {
        return generate(Config.defaults(), characters.labels(), trialsPerClass, split, seed, progress);
    }

    /**
     * Generates {@code trialsPerClass} trials of each label {@code 0..classes-1} (the digits first,
     * then the letters from label 10, see {@link StrokeTemplates}), class by class.
     */
    public static List<Trial> generate(Config cfg, int classes, int trialsPerClass, String split, long seed,
            IntConsumer progress) {
        if (classes <= 0 || classes > StrokeTemplates.classes()) {
            throw new IllegalArgumentException("classes must be 1.." + StrokeTemplates.classes() + ", found " + classes);
        }
        return generate(cfg, IntStream.range(0, classes).boxed().toList(), trialsPerClass, split, seed, progress);
    }

    /**
     * Generates {@code trialsPerClass} trials of each of {@code labels}, class by class in the given
     * order. Trials draw their randomness one after another from one stream per seed and split, so
     * the data of a label depends on the labels before it and on {@code trialsPerClass}: the digits
     * of {@link CharacterSet#ALL} are those of {@link CharacterSet#DIGITS}, while its letters differ
     * from those of {@link CharacterSet#LETTERS}. {@code progress} receives the number of trials done
     * after each one.
     */
    public static List<Trial> generate(Config cfg, List<Integer> labels, int trialsPerClass, String split, long seed,
            IntConsumer progress) {
        if (labels.isEmpty() || labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("labels must be distinct and at least one, found " + labels);
        }
        for (int label : labels) {
            if (label < 0 || label >= StrokeTemplates.classes()) {
                throw new IllegalArgumentException("labels must be 0.." + (StrokeTemplates.classes() - 1)
                        + " (digits 0-9, letters a-z as 10-35), found " + label);
            }
        }
        if (trialsPerClass <= 0) {
            throw new IllegalArgumentException("trials per class must be positive, found " + trialsPerClass);
        }
        long splitSalt = splitSalt(split);
        MotorCortexModel cortex = new MotorCortexModel(cfg.neural(), seed);
        TrialVariation variation = new TrialVariation(cfg.variation());
        SplittableRandom splitRng = new SplittableRandom(seed ^ splitSalt);
        List<Trial> trials = new ArrayList<>(labels.size() * trialsPerClass);
        for (int label : labels) {
            PenTrajectory template = StrokeTemplates.template(label);
            for (int i = 0; i < trialsPerClass; i++) {
                // One independent stream per trial keeps every trial reproducible on its own.
                SplittableRandom trialRng = splitRng.split();
                PenTrajectory written = variation.apply(template, trialRng);
                float[] image = StrokeRenderer.render(written, cfg.imageWidth(), cfg.imageHeight(), cfg.strokeWidthPx());
                Events neural = cortex.record(written, trialRng.nextLong());
                String id = String.format("%s/%d/%05d", split, label, i);
                trials.add(new Trial(id, label, written, image, neural));
                progress.accept(trials.size());
            }
        }
        return trials;
    }

    private static long splitSalt(String split) {
        return switch (Objects.requireNonNull(split, "split")) {
            case TRAIN -> 0x6A09E667F3BCC908L;
            case TEST -> 0xBB67AE8584CAA73BL;
            default -> throw new IllegalArgumentException("split must be '" + TRAIN + "' or '" + TEST + "', found '"
                    + split + "'");
        };
    }
}

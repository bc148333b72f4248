package io.liquidstream.connectors.synth.mnist;

import io.liquidstream.connectors.synth.camera.EventCameraEmulator;
import io.liquidstream.core.event.LabeledSample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Turns real MNIST digits into an N-MNIST-like data set by recording each one with an
 * {@link EventCameraEmulator}. Sample ids follow the N-MNIST folder layout,
 * {@code <Split>/<digit>/<index within class and split, 5 digits>}, e.g. {@code Train/3/00012}.
 */
public final class MnistDvsGenerator {

    private MnistDvsGenerator() {
    }

    /** Generates with the {@link EventCameraEmulator.Config#nmnist()} sensor. */
    public static List<LabeledSample> generate(MnistDigits digits, String split, int perClass, long seed,
            IntConsumer progress) {
        return generate(digits, split, perClass, seed, new EventCameraEmulator(EventCameraEmulator.Config.nmnist()),
                progress);
    }

    /**
     * Records the first {@code perClass} images of every class in {@code split} (all of them when a
     * class has fewer), class by class. Each sample gets its own recording seed derived from
     * {@code seed}, the split, the class and the index, so any sample can be reproduced alone.
     *
     * @param split {@code Train} or {@code Test}
     * @param progress told the number of samples done after each one
     */
    public static List<LabeledSample> generate(MnistDigits digits, String split, int perClass, long seed,
            EventCameraEmulator camera, IntConsumer progress) {
        MnistDigits.Split part = MnistDigits.Split.parse(split);
        if (perClass <= 0) {
            throw new IllegalArgumentException("perClass must be positive, found " + perClass);
        }
        List<LabeledSample> samples = new ArrayList<>();
        for (int digit = 0; digit < MnistDigits.CLASSES; digit++) {
            int n = Math.min(perClass, digits.count(part, digit));
            for (int i = 0; i < n; i++) {
                float[] image = digits.image(part, digit, i);
                long sampleSeed = mix(seed, part.ordinal(), digit, i);
                String id = String.format("%s/%d/%05d", part.label(), digit, i);
                samples.add(new LabeledSample(id, digit,
                        camera.record(image, MnistDigits.SIDE, MnistDigits.SIDE, sampleSeed)));
                progress.accept(samples.size());
            }
        }
        return samples;
    }

    /** SplitMix64 finaliser over the sample's coordinates: nearby indices get unrelated seeds. */
    static long mix(long seed, int split, int digit, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + ((long) split << 40 | (long) digit << 32 | index));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

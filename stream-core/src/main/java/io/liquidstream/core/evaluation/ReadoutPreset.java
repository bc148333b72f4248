package io.liquidstream.core.evaluation;

import io.liquidstream.core.binning.InputSpec;

/**
 * Named ways to read a fixed random liquid (its weights are never trained), the {@code --preset} of the
 * commands that build one. {@link #SEED} is the seed's own: one 200-neuron reservoir's whole-window firing
 * rates over a 16×16 crop of one polarity (vision) or the 64 cochlea channels (audio), raw. {@link #BEST}
 * is the configuration chosen on a validation split carved from the training data of the generated
 * {@code mnist-dvs} and {@code spoken-digits} sets (docs/presets.md has the table): the whole sensor in both
 * polarities (down-sampled 2×2, 17×17×2 = 578 inputs), a bank of 5 independent reservoirs read side by
 * side, firing rates in 4 consecutive parts of each window, features standardised on the training rows.
 * Each reservoir keeps the seed's size and dynamics; the probe's training settings stay the seed's.
 */
public enum ReadoutPreset {

    SEED(Readout.SEED, InputSpec.visionProbe()),

    BEST(new Readout(5, 4, true), InputSpec.parse("vision-sensor=sensor(34,34,2)|downsample(2,2)|fixed(50)"));

    private final Readout readout;
    private final InputSpec vision;

    ReadoutPreset(Readout readout, InputSpec vision) {
        this.readout = readout;
        this.vision = vision;
    }

    /** {@code seed} or {@code best}: the name on the command line, in settings and in bundles. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Readout readout() {
        return readout;
    }

    /**
     * The input spec for the built-in layouts: N-MNIST's 34×34 two-polarity sensor for vision, the
     * 64-channel cochlea for audio (the seed's for audio in both presets: all channels already).
     */
    public InputSpec input(boolean vision) {
        return vision ? this.vision : InputSpec.audioProbe();
    }

    /**
     * The preset called {@code id}.
     *
     * @throws IllegalArgumentException listing the presets if there is none of that name
     */
    public static ReadoutPreset of(String id) {
        for (ReadoutPreset p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected a preset of " + java.util.Arrays.stream(values())
                .map(ReadoutPreset::id).toList() + ", found '" + id + "'");
    }
}

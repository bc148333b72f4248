package io.liquidstream.core.reservoir;

/**
 * The seed's reservoir settings (DESIGN §5.1). Probe presets serve the linear-probe protocol, clip
 * presets the vision↔audio contrastive protocol (same shapes, larger weights), BMI presets the
 * neural↔image protocol.
 */
public enum ReservoirPreset {
    /** N-MNIST 16×16 centre crop, one polarity. */
    VISION_PROBE(256, 200, 50, 0.9, 5.0, 0.07),
    /** N-TIDIGITS 64 cochlea channels. */
    AUDIO_PROBE(64, 200, 129, 0.97, 5.3, 0.08),
    VISION_CLIP(256, 200, 50, 0.9, 5.0, 0.3),
    AUDIO_CLIP(64, 200, 129, 0.97, 5.3, 0.1),
    /** 192 intracortical electrodes. */
    NEURAL_BMI(192, 2048, 201, 0.95, 0.1, 0.0005),
    /** Rate-coded 28×28 images. */
    IMAGE_BMI(784, 2048, 50, 0.95, 0.1, 0.0005);

    private final int inputs;
    private final int neurons;
    private final int bins;
    private final double decay;
    private final double threshold;
    private final double scale;

    ReservoirPreset(int inputs, int neurons, int bins, double decay, double threshold, double scale) {
        this.inputs = inputs;
        this.neurons = neurons;
        this.bins = bins;
        this.decay = decay;
        this.threshold = threshold;
        this.scale = scale;
    }

    /** This preset's settings with the measured RRAM weight statistics and the given seed. */
    public ReservoirSpec spec(long seed) {
        return new ReservoirSpec(inputs, neurons, bins, decay, threshold, scale,
                WeightStats.RRAM_INPUT, WeightStats.RRAM_RECURRENT, seed);
    }
}

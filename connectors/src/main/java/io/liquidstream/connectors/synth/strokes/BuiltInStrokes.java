package io.liquidstream.connectors.synth.strokes;

import io.liquidstream.connectors.synth.camera.EventCameraEmulator;
import io.liquidstream.connectors.synth.strokes.StrokeDataset.Trial;
import io.liquidstream.core.evaluation.PhaseProgress;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in handwriting data in both modalities: each trial's rendered character watched by the
 * emulated event camera (vision, N-MNIST-like), and the motor-cortex recording of the same movement
 * (neural, 192 electrodes), with the pen's velocity in each 10 ms bin of that recording
 * ({@link PenVelocity}, the continuous decoding target).
 */
public record BuiltInStrokes(List<LabeledSample> vision, List<LabeledSample> neural, List<float[][]> velocity) {

    /** Bins of the velocity targets. */
    public static final long VELOCITY_BIN_MICROS = 10_000;

    /** The digits 0-9. */
    public static BuiltInStrokes generate(int perClass, String split, long seed, PhaseProgress.Phase progress) {
        return generate(CharacterSet.DIGITS, perClass, split, seed, progress);
    }

    /** The characters of {@code characters}, labelled as {@link CharacterSet} says (letters a-z are 10-35). */
    public static BuiltInStrokes generate(CharacterSet characters, int perClass, String split, long seed, PhaseProgress.Phase progress) {
        return generate(characters, perClass, split, seed, progress, NMNIST_CAMERA, 192);
    }

    /** The N-MNIST-like camera of the default data. */
    public static final SensorGeometry NMNIST_CAMERA = SensorGeometry.pixels(34, 34);

    /**
     * As {@link #generate(CharacterSet, int, String, long, PhaseProgress.Phase)}, watched by a {@code camera} sensor
     * (the character scaled with the sensor's shorter side, as 28 pixels are to N-MNIST's 34) and recorded
     * on {@code electrodes} electrodes. The default camera and 192 electrodes give the default data.
     */
    public static BuiltInStrokes generate(CharacterSet characters, int perClass, String split, long seed, PhaseProgress.Phase progress,
            SensorGeometry camera, int electrodes) {
        boolean nmnist = camera.equals(NMNIST_CAMERA);
        double scale = Math.min(camera.width(), camera.height()) / 34.0;
        int side = nmnist ? 28 : (int) Math.round(28 * scale);
        StrokeDataset.Config defaults = StrokeDataset.Config.defaults();
        StrokeDataset.Config config = new StrokeDataset.Config(defaults.variation(),
                defaults.neural().withElectrodes(electrodes), side, side,
                nmnist ? defaults.strokeWidthPx() : defaults.strokeWidthPx() * scale);
        List<Trial> trials = StrokeDataset.generate(config, characters.labels(), perClass, split, seed, progress::update);
        return record(trials, split, seed, new EventCameraEmulator(nmnist ? EventCameraEmulator.Config.nmnist()
                : EventCameraEmulator.Config.nmnistOn(camera.width(), camera.height())), side);
    }

    private static BuiltInStrokes record(List<Trial> trials, String split, long seed, EventCameraEmulator camera,
            int side) {
        List<LabeledSample> vision = new ArrayList<>(trials.size());
        List<LabeledSample> neural = new ArrayList<>(trials.size());
        List<float[][]> velocity = new ArrayList<>(trials.size());
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            // A distinct recording seed per trial, so no two trials share sensor noise.
            long recordingSeed = seed * 1_000_003L + (split.equals(StrokeDataset.TRAIN) ? 0 : 500_000) + i;
            vision.add(new LabeledSample(t.id(), t.label(), camera.record(t.image(), side, side, recordingSeed)));
            neural.add(t.neuralSample());
            velocity.add(PenVelocity.binned(t.trajectory(), MotorCortexModel.Config.defaults(), VELOCITY_BIN_MICROS));
        }
        return new BuiltInStrokes(vision, neural, velocity);
    }
}

package io.liquidstream.connectors.demo;

import io.liquidstream.connectors.synth.strokes.BuiltInStrokes;
import io.liquidstream.connectors.synth.strokes.StrokeDataset;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.bundle.DeviceKind;
import io.liquidstream.core.evaluation.LinearProbeRun;
import io.liquidstream.core.evaluation.PhaseProgress;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.reservoir.ReservoirPreset;

/**
 * The offline pipeline on the built-in handwriting data in two modalities, each encoded by its fixed
 * random reservoir and read out by a linear probe (final epoch): {@code demo --offline}.
 */
public final class OfflineDemo {

    /** The digit classes of the built-in data. */
    public static final int CLASSES = 10;

    /** Trials per class simulated for each split, and the probe's training. */
    public record Settings(int perClass, int testPerClass, int epochs, double learningRate, long seed,
            DeviceKind device) {
    }

    /** Both modalities' probes and the wall time of the whole run. */
    public record Result(LinearProbeRun.Outcome vision, LinearProbeRun.Outcome neural, double seconds) {
    }

    private OfflineDemo() {
    }

    /** Simulates both splits, then encodes and probes each modality; each phase is reported to {@code progress}. */
    public static Result run(Settings s, PhaseProgress progress) {
        long started = System.nanoTime();
        BuiltInStrokes train;
        BuiltInStrokes test;
        try (PhaseProgress.Phase p = progress.start("simulating train", (long) CLASSES * s.perClass())) {
            train = BuiltInStrokes.generate(s.perClass(), StrokeDataset.TRAIN, 1, p);
        }
        try (PhaseProgress.Phase p = progress.start("simulating test", (long) CLASSES * s.testPerClass())) {
            test = BuiltInStrokes.generate(s.testPerClass(), StrokeDataset.TEST, 1, p);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        ProbeConfig config = new ProbeConfig(s.epochs(), 100, s.learningRate(), 0.0, s.seed());
        LinearProbeRun.Outcome vision = new LinearProbeRun(InputSpec.visionProbe(),
                ReservoirPreset.VISION_PROBE.spec(s.seed()), s.device().weights(), threads, progress)
                .run(train.vision(), test.vision(), CLASSES, config);
        LinearProbeRun.Outcome neural = new LinearProbeRun(InputSpec.neuralBmi(), ReservoirPreset.NEURAL_BMI.spec(s.seed()),
                s.device().weights(), threads, progress).run(train.neural(), test.neural(), CLASSES, config);
        return new Result(vision, neural, (System.nanoTime() - started) / 1e9);
    }
}

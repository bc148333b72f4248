package io.liquidstream.cli;

import io.liquidstream.connectors.synth.strokes.StrokeDataset;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.bundle.DeviceKind;
import io.liquidstream.core.evaluation.LinearProbeRun;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.reservoir.ReservoirPreset;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code demo --offline}: the offline pipeline on the built-in handwriting data in two modalities, each
 * encoded by its fixed random reservoir and read out by a linear probe (final epoch).
 */
final class OfflineDemo {

    record Settings(int perClass, int testPerClass, int epochs, double learningRate, long seed, DeviceKind device,
            boolean json) {
    }

    private final Settings s;

    OfflineDemo(Settings settings) {
        this.s = settings;
    }

    void run(PrintWriter out) {
        long started = System.nanoTime();
        BuiltInStrokes train;
        BuiltInStrokes test;
        try (Progress p = progress("simulating train", 10L * s.perClass())) {
            train = BuiltInStrokes.generate(s.perClass(), StrokeDataset.TRAIN, 1, p);
        }
        try (Progress p = progress("simulating test", 10L * s.testPerClass())) {
            test = BuiltInStrokes.generate(s.testPerClass(), StrokeDataset.TEST, 1, p);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        ProbeConfig config = new ProbeConfig(s.epochs(), 100, s.learningRate(), 0.0, s.seed());
        LinearProbeRun.Outcome vision = new LinearProbeRun(InputSpec.visionProbe(),
                ReservoirPreset.VISION_PROBE.spec(s.seed()), s.device().weights(), threads, this::progress)
                .run(train.vision(), test.vision(), 10, config);
        LinearProbeRun.Outcome neural = new LinearProbeRun(InputSpec.neuralBmi(), ReservoirPreset.NEURAL_BMI.spec(s.seed()),
                s.device().weights(), threads, this::progress).run(train.neural(), test.neural(), 10, config);
        double seconds = (System.nanoTime() - started) / 1e9;

        if (s.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("visionAccuracy", Json.round(vision.testAccuracy(), 2));
            m.put("neuralAccuracy", Json.round(neural.testAccuracy(), 2));
            m.put("classes", 10);
            m.put("trainSamples", vision.trainSamples());
            m.put("testSamples", vision.testSamples());
            m.put("device", s.device().name());
            m.put("seconds", Json.round(seconds, 1));
            out.println(Json.line(m));
        } else {
            out.println("LiquidStream demo (offline): built-in handwriting, fixed random reservoirs, linear probes");
            out.printf("  data          %d train / %d test trials per modality, 10 digit classes (chance 10 %%)%n",
                    vision.trainSamples(), vision.testSamples());
            out.printf("  read-out      softmax, Adam lr %g, batch 100, %d epochs, final epoch reported%n",
                    s.learningRate(), s.epochs());
            row(out, "vision", "event camera 34x34 -> crop 16x16 ON -> 50 bins -> 200 LIF", vision);
            row(out, "neural", "192 electrodes -> 201 bins -> 2048 LIF", neural);
            out.printf("  time          %.1f s%n", seconds);
        }
        out.flush();
    }

    private static void row(PrintWriter out, String name, String path, LinearProbeRun.Outcome o) {
        out.printf("  %-13s %s%n", name, path);
        out.printf("  %-13s test %.2f %%, train %.2f %%, mean firing rate %.4f%n", "", o.testAccuracy(), o.trainAccuracy(),
                o.meanFiringRate());
    }

    private Progress progress(String label, Long total) {
        return s.json() ? Progress.quiet() : new Progress(label, total);
    }
}

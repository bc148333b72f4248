package io.liquidstream.cli;

import io.liquidstream.connectors.synth.strokes.StrokeDataset;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.reservoir.ReservoirPreset;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code liquidstream demo}: the main job on built-in data. At this stage it is the offline pipeline:
 * the built-in handwriting data in two modalities, each encoded by its fixed random reservoir and read
 * out by a linear probe.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Runs the main job on built-in data, with nothing to download: handwritten digits (pen-stroke",
            "simulation) seen by an emulated event camera and recorded from a simulated motor cortex, each",
            "encoded by its fixed random LIF reservoir and classified by a linear probe (final epoch)."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--per-class", defaultValue = "100", description = "Training trials per class. Default: ${DEFAULT-VALUE}.")
    int perClass;

    @Option(names = "--test-per-class", defaultValue = "40", description = "Test trials per class. Default: ${DEFAULT-VALUE}.")
    int testPerClass;

    @Option(names = "--epochs", defaultValue = "100", description = "Probe epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--lr", defaultValue = "1e-3",
            description = "Probe learning rate (Adam, batch 100). Default: ${DEFAULT-VALUE}, as the built-in set is small.")
    double learningRate;

    @Option(names = "--seed", defaultValue = "0", description = "Reservoir and training seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--device", defaultValue = "ideal", description = "Reservoir weights: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    DeviceKind device;

    @Option(names = "--json", description = "Print the summary as one JSON line.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        BuiltInStrokes train;
        BuiltInStrokes test;
        try (Progress p = progress("simulating train", 10L * perClass)) {
            train = BuiltInStrokes.generate(perClass, StrokeDataset.TRAIN, 1, p);
        }
        try (Progress p = progress("simulating test", 10L * testPerClass)) {
            test = BuiltInStrokes.generate(testPerClass, StrokeDataset.TEST, 1, p);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        ProbeConfig config = new ProbeConfig(epochs, 100, learningRate, 0.0, seed);
        LinearProbeRun.Outcome vision = new LinearProbeRun(InputSpec.visionProbe(), ReservoirPreset.VISION_PROBE.spec(seed),
                device, threads, this::progress).run(train.vision(), test.vision(), 10, config);
        LinearProbeRun.Outcome neural = new LinearProbeRun(InputSpec.neuralBmi(), ReservoirPreset.NEURAL_BMI.spec(seed),
                device, threads, this::progress).run(train.neural(), test.neural(), 10, config);
        double seconds = (System.nanoTime() - started) / 1e9;

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("visionAccuracy", Json.round(vision.testAccuracy(), 2));
            m.put("neuralAccuracy", Json.round(neural.testAccuracy(), 2));
            m.put("classes", 10);
            m.put("trainSamples", vision.trainSamples());
            m.put("testSamples", vision.testSamples());
            m.put("device", device.name());
            m.put("seconds", Json.round(seconds, 1));
            out.println(Json.line(m));
        } else {
            out.println("LiquidStream demo: built-in handwriting, fixed random reservoirs, linear probes");
            out.printf("  data          %d train / %d test trials per modality, 10 digit classes (chance 10 %%)%n",
                    vision.trainSamples(), vision.testSamples());
            out.printf("  read-out      softmax, Adam lr %g, batch 100, %d epochs, final epoch reported%n", learningRate, epochs);
            row(out, "vision", "event camera 34x34 -> crop 16x16 ON -> 50 bins -> 200 LIF", vision);
            row(out, "neural", "192 electrodes -> 201 bins -> 2048 LIF", neural);
            out.printf("  time          %.1f s%n", seconds);
        }
        out.flush();
        return 0;
    }

    private static void row(PrintWriter out, String name, String path, LinearProbeRun.Outcome o) {
        out.printf("  %-13s %s%n", name, path);
        out.printf("  %-13s test %.2f %%, train %.2f %%, mean firing rate %.4f%n", "", o.testAccuracy(), o.trainAccuracy(),
                o.meanFiringRate());
    }

    private Progress progress(String label, Long total) {
        return json ? Progress.quiet() : new Progress(label, total);
    }
}

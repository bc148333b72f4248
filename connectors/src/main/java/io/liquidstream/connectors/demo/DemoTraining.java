package io.liquidstream.connectors.demo;

import io.liquidstream.connectors.datasets.PairedData;
import io.liquidstream.connectors.datasets.ReadoutSegments;
import io.liquidstream.connectors.synth.strokes.BuiltInStrokes;
import io.liquidstream.connectors.synth.strokes.StrokeDataset;
import io.liquidstream.core.bundle.DeviceKind;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.evaluation.BundleTraining;
import io.liquidstream.core.evaluation.CrossModalTraining;
import io.liquidstream.core.evaluation.PairedModality;
import io.liquidstream.core.evaluation.PhaseProgress;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.projection.ContrastiveTrainer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The streaming demo's built-in data and model: handwriting trials simulated as {@link BuiltInStrokes}
 * and heads trained by {@link BundleTraining}, each phase reported to {@code progress}.
 */
public record DemoTraining(int trainPerClass, int epochs, ReadoutSegments segments, long seed, DeviceKind device,
        boolean openSet, PhaseProgress progress) implements StreamingDemo.BuiltIn {

    @Override
    public StreamingDemo.Trials testTrials(int perClass) {
        BuiltInStrokes test;
        try (PhaseProgress.Phase p = progress.start("simulating test trials", 10L * perClass)) {
            test = BuiltInStrokes.generate(perClass, StrokeDataset.TEST, 1, p);
        }
        return new StreamingDemo.Trials(test.neural(), test.vision());
    }

    @Override
    public ModelBundle model(Set<Integer> classes) {
        BuiltInStrokes train;
        try (PhaseProgress.Phase p = progress.start("simulating training trials", 10L * trainPerClass)) {
            train = BuiltInStrokes.generate(trainPerClass, StrokeDataset.TRAIN, 1, p);
        }
        List<LabeledSample> neural = train.neural().stream().filter(x -> classes.contains(x.label())).toList();
        List<LabeledSample> vision = train.vision().stream().filter(x -> classes.contains(x.label())).toList();
        PairedData data = PairedData.neuralVision(Path.of("built-in-strokes"), neural, List.of(), vision, List.of());
        ContrastiveTrainer.Config config = new ContrastiveTrainer.Config(epochs, 128, 1e-3, 0.01, 0.1, true,
                ContrastiveTrainer.LossKind.SUPCON, seed);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("pair", "built-in strokes: neural (192 electrodes) + vision (emulated event camera)");
        meta.put("created", Instant.now().toString());
        List<PairedModality> sides = data.encodings(segments);
        return new BundleTraining(seed, device.weights(), 20, Runtime.getRuntime().availableProcessors(), openSet)
                .train(sides.get(0), sides.get(1), new TreeSet<>(classes), CrossModalTraining.HeadShape.of(64), config,
                        meta, progress)
                .bundle();
    }
}

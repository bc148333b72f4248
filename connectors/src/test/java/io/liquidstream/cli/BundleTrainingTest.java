package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.datasets.PairedData;
import io.liquidstream.connectors.datasets.ReadoutSegments;
import io.liquidstream.connectors.synth.strokes.BuiltInStrokes;
import io.liquidstream.connectors.synth.strokes.StrokeDataset;
import io.liquidstream.core.bundle.BundleAnchor;
import io.liquidstream.core.bundle.DeviceKind;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.evaluation.BundleTraining;
import io.liquidstream.core.evaluation.CrossModalTraining;
import io.liquidstream.core.evaluation.PairedModality;
import io.liquidstream.core.evaluation.PhaseProgress;
import io.liquidstream.core.projection.ContrastiveTrainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BundleTrainingTest {

    private static final Set<Integer> TRAIN_CLASSES = Set.of(0, 1, 2, 3, 4, 5, 6, 7);
    private static PairedData data;

    @BeforeAll
    static void strokes() {
        BuiltInStrokes s = BuiltInStrokes.generate(2, StrokeDataset.TRAIN, 1, Progress.quiet());
        data = PairedData.neuralVision(Path.of("test-strokes"), s.neural(), List.of(), s.vision(),
                List.of());
    }

    private static ModelBundle train(BundleTraining trainer) {
        ContrastiveTrainer.Config config = new ContrastiveTrainer.Config(1, 16, 1e-3, 0.01, 0.1, true,
                ContrastiveTrainer.LossKind.SUPCON, 0);
        List<PairedModality> sides = data.encodings(ReadoutSegments.uniform(1));
        return trainer.train(sides.get(0), sides.get(1), new TreeSet<>(TRAIN_CLASSES), CrossModalTraining.HeadShape.of(64),
                config, Map.of(), PhaseProgress.quiet()).bundle();
    }

    private static Map<String, Set<Integer>> anchoredClasses(ModelBundle bundle) {
        return bundle.anchors().stream().collect(Collectors.groupingBy(BundleAnchor::modality,
                Collectors.mapping(BundleAnchor::classLabel, Collectors.toCollection(TreeSet::new))));
    }

    @Test
    void givenDataOfTenClassesAndEightTrainingClasses_theBundleHoldsAnchorsOnlyForTheTrainingClasses() {
        ModelBundle bundle = train(new BundleTraining(0, DeviceKind.ideal.weights(), 2, 2, false));

        assertThat(anchoredClasses(bundle)).containsOnlyKeys("neural", "vision")
                .allSatisfy((modality, classes) -> assertThat(classes).isEqualTo(TRAIN_CLASSES));
    }

    @Test
    void givenAnchorClassesAsked_theBundleHoldsAnchorsForThoseClassesToo() {
        ModelBundle bundle = train(new BundleTraining(0, DeviceKind.ideal.weights(), 2, 2, false)
                .anchorClasses(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));

        assertThat(anchoredClasses(bundle)).allSatisfy((modality, classes) -> assertThat(classes)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    }
}

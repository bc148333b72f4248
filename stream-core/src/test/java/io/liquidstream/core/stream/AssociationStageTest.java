package io.liquidstream.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.association.AssociationIndex;
import io.liquidstream.core.association.ClassPrototypes;
import io.liquidstream.core.binning.SpikeWindow;
import io.liquidstream.core.bundle.OpenSetCalibration;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Modality;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AssociationStageTest {

    private final AssociationIndex index = new AssociationIndex(3, 1);
    private final ClassPrototypes prototypes = new ClassPrototypes(index, 8);
    private final PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());

    private AssociationStage<String> stage(OpenSetCalibration calibration, PipelineSettings settings) {
        return new AssociationStage<>(index, calibration, "v1", settings, metrics, () -> 0L);
    }

    private AssociationStage<String> stage(OpenSetCalibration calibration) {
        return stage(calibration, PipelineSettings.defaults());
    }

    private static Embedded<String> query(String source, String modality, String sampleId, long start, long end,
            Integer label, float... vector) {
        Window<String> w = new Window<>(source, modality, sampleId, label, start, end,
                SpikeWindow.of(1, 1, new int[] {0, 0}, new int[0]), 0, 0, List.of());
        return new Embedded<>(w, vector);
    }

    private static Association associate(AssociationStage<String> stage, Embedded<String> query) {
        return ((Associated<String>) stage.apply(query)).association();
    }

    private static OpenSetCalibration trained(Set<Integer> classes, Map<String, Double> margins) {
        return new OpenSetCalibration(new TreeSet<>(classes), new TreeMap<>(margins));
    }

    @Test
    void givenAPrototypeOfTheQuerysOwnModalityOnly_itIsMatchedAsFewShotRecognition() {
        prototypes.add("v8", 8, "vision", new float[] {1, 0, 0});

        Association a = associate(stage(trained(Set.of(), Map.of())), query("g/camera", "vision", "s1", 0, 10, 8, 1, 0.1f, 0));

        assertThat(a.getPredictedClass()).isEqualTo(8);
        assertThat(a.getPredictedTrained()).isFalse();
        assertThat(a.getMatches().get(0).getModality()).isEqualTo(Modality.VISION);
        assertThat(a.getMatches().get(0).getSampleId()).as("a prototype stands for its class").isNull();
    }

    @Test
    void givenPrototypesOfBothModalities_theBestOfAnyModalityDecides() {
        prototypes.add("n8", 8, "neural", new float[] {0, 1, 0});
        prototypes.add("v9", 9, "vision", new float[] {1, 0, 0});

        Association a = associate(stage(trained(Set.of(), Map.of())), query("g/camera", "vision", "s1", 0, 10, 8, 0.2f, 1, 0));

        assertThat(a.getPredictedClass()).isEqualTo(8);
        assertThat(a.getMatches()).extracting(m -> m.getClassLabel()).containsExactly(8, 9);
        assertThat(a.getMatches()).extracting(m -> m.getModality()).containsExactly(Modality.NEURAL, Modality.VISION);
    }

    @Test
    void givenASeenMarginForTheQueryModality_aNewClassWinsOverASlightlyCloserTrainedClass() {
        prototypes.add("t3", 3, "neural", new float[] {1, 0, 0});
        prototypes.add("n8", 8, "neural", new float[] {0.9f, 0.436f, 0});
        float[] v = {1, 0.1f, 0};

        Association uncalibrated = associate(stage(trained(Set.of(3), Map.of())), query("g/camera", "vision", "s1", 0, 10, 8, v));
        Association calibrated = associate(stage(trained(Set.of(3), Map.of("vision", 0.2))),
                query("g/camera", "vision", "s2", 0, 10, 8, v));
        Association otherModality = associate(stage(trained(Set.of(3), Map.of("neural", 0.2))),
                query("g/camera", "vision", "s3", 0, 10, 8, v));

        assertThat(uncalibrated.getPredictedClass()).isEqualTo(3);
        assertThat(uncalibrated.getPredictedTrained()).isTrue();
        assertThat(calibrated.getPredictedClass()).isEqualTo(8);
        assertThat(calibrated.getPredictedTrained()).isFalse();
        assertThat(calibrated.getMatches()).extracting(m -> m.getClassLabel()).as("listed in calibrated order")
                .containsExactly(8, 3);
        assertThat(calibrated.getMatches().get(1).getScore()).as("reported scores stay raw cosines")
                .isGreaterThan(calibrated.getMatches().get(0).getScore());
        assertThat(otherModality.getPredictedClass()).as("the margin is the query modality's").isEqualTo(3);
    }

    @Test
    void givenNoCalibration_predictedTrainedIsUnknown() {
        prototypes.add("t3", 3, "neural", new float[] {1, 0, 0});

        Association a = associate(stage(null), query("g/camera", "vision", "s1", 0, 10, 3, 1, 0, 0));

        assertThat(a.getPredictedClass()).isEqualTo(3);
        assertThat(a.getPredictedTrained()).isNull();
    }

    @Test
    void givenNoPrototypes_aLabelledOverlappingWindowOfTheOtherModalityInTheGroupDecides() {
        AssociationStage<String> stage = stage(trained(Set.of(4), Map.of()));
        associate(stage, query("g/neural", "neural", "trial-1", 0, 1_000, 4, 1, 0, 0));

        Association a = associate(stage, query("g/camera", "vision", "trial-1", 100, 900, null, 1, 0, 0));

        assertThat(a.getPredictedClass()).isEqualTo(4);
        assertThat(a.getPredictedTrained()).isTrue();
        assertThat(a.getMatches()).singleElement().satisfies(m -> {
            assertThat(m.getSampleId().toString()).isEqualTo("trial-1");
            assertThat(m.getModality()).isEqualTo(Modality.NEURAL);
        });
    }

    @Test
    void givenTrialsOfUnequalLengthBackToBack_eachViewPairsOnlyWithTheViewThatStartedWithIt() {
        // The demo's timing: a trial's camera view lasts 0.3 s, its neural recording 1.35 s; the next trial
        // starts when both are done. The short view closes first, so it has no partner yet.
        AssociationStage<String> stage = stage(trained(Set.of(), Map.of()));
        Association vision1 = associate(stage, query("g/camera", "vision", "v1", 0, 300_000, null, 1, 0, 0));
        Association neural1 = associate(stage, query("g/neural", "neural", "n1", 0, 1_350_000, null, 1, 0, 0));
        Association vision2 = associate(stage, query("g/camera", "vision", "v2", 1_355_000, 1_655_000, null, 1, 0, 0));
        Association neural2 = associate(stage, query("g/neural", "neural", "n2", 1_355_000, 2_700_000, null, 1, 0, 0));

        assertThat(vision1.getMatches()).isEmpty();
        assertThat(neural1.getMatches()).extracting(m -> m.getSampleId().toString()).containsExactly("v1");
        assertThat(vision2.getMatches()).as("the previous trial ended 5 ms earlier but started 1.355 s earlier")
                .isEmpty();
        assertThat(neural2.getMatches()).extracting(m -> m.getSampleId().toString()).containsExactly("v2");
    }

    @Test
    void givenWindowsOfAnotherGroupOrBeyondTheTolerance_theyNeverPair() {
        AssociationStage<String> stage = stage(trained(Set.of(), Map.of()),
                PipelineSettings.defaults());
        associate(stage, query("other/neural", "neural", "elsewhere", 0, 1_000, 1, 1, 0, 0));
        associate(stage, query("g/neural", "neural", "late", 100_001, 200_000, 2, 1, 0, 0));

        Association a = associate(stage, query("g/camera", "vision", "q", 0, 1_000, null, 1, 0, 0));

        assertThat(a.getMatches()).isEmpty();
        assertThat(a.getPredictedClass()).isNull();
    }
}

package io.liquidstream.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

@ExtendWith(SingleThreadedNd4j.class)
class ContrastiveLossTest {

    private static final int[] LABELS = {0, 1, 0, 2, 1};

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of("CLIP", new ClipLoss(), 1.0),
                Arguments.of("CLIP", new ClipLoss(), 10.0),
                Arguments.of("SupCon", new SupConClipLoss(), 1.0),
                Arguments.of("SupCon", new SupConClipLoss(), 10.0),
                Arguments.of("seed", new SeedSoftTargetLoss(), 1.0),
                Arguments.of("seed", new SeedSoftTargetLoss(), 3.0));
    }

    @ParameterizedTest(name = "{0} s={2}")
    @MethodSource("losses")
    void gradients_matchCentralDifferencesForBothModalities(String name, ContrastiveLoss loss, double scale) {
        INDArray a = GradientCheck.unitRows(GradientCheck.gaussian(5, 4, 1));
        INDArray b = GradientCheck.unitRows(GradientCheck.gaussian(5, 4, 2));
        ContrastiveLoss.Result r = loss.compute(a, b, LABELS, scale);
        assertThat(GradientCheck.maxError(a, r.gradA(), () -> loss.compute(a, b, LABELS, scale).loss()))
                .as("dL/da").isLessThan(1e-6);
        assertThat(GradientCheck.maxError(b, r.gradB(), () -> loss.compute(a, b, LABELS, scale).loss()))
                .as("dL/db").isLessThan(1e-6);
    }

    @ParameterizedTest(name = "{0} s={2}")
    @MethodSource("losses")
    void logitScaleGradient_matchesCentralDifferencesInLogSpace(String name, ContrastiveLoss loss, double scale) {
        // unnormalised inputs too: the seed's loss sees raw embeddings
        INDArray a = GradientCheck.gaussian(5, 4, 3);
        INDArray b = GradientCheck.gaussian(5, 4, 4);
        double analytic = loss.compute(a, b, LABELS, scale).gradLogitScale() * scale;
        double numeric = GradientCheck.derivative(u -> loss.compute(a, b, LABELS, Math.exp(u)).loss(), Math.log(scale));
        assertThat(analytic).isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(numeric))));
    }

    @Test
    void clip_ofAlignedWellSeparatedPairsAtHighScale_isNearZero() {
        INDArray a = Nd4j.eye(8).castTo(DataType.DOUBLE);
        double loss = new ClipLoss().compute(a, a.dup(), null, 100.0).loss();
        // each direction: log(1 + 7·e^-100)
        assertThat(loss).isCloseTo(0.0, within(1e-40));
    }

    @Test
    void clip_ofIdenticalEmbeddings_isLogOfTheBatchSize() {
        INDArray same = GradientCheck.unitRows(GradientCheck.gaussian(1, 6, 5)).repeat(0, 10);
        double loss = new ClipLoss().compute(same, same.dup(), null, 14.3).loss();
        assertThat(loss).isCloseTo(Math.log(10), within(1e-12));
    }

    @Test
    void supCon_withAllLabelsDistinct_equalsClip() {
        INDArray a = GradientCheck.unitRows(GradientCheck.gaussian(6, 5, 7));
        INDArray b = GradientCheck.unitRows(GradientCheck.gaussian(6, 5, 8));
        ContrastiveLoss.Result clip = new ClipLoss().compute(a, b, null, 7.0);
        ContrastiveLoss.Result supCon = new SupConClipLoss().compute(a, b, new int[] {5, 3, 0, 1, 4, 2}, 7.0);
        assertThat(supCon.loss()).isCloseTo(clip.loss(), within(1e-12));
        assertThat(supCon.gradA().equalsWithEps(clip.gradA(), 1e-12)).isTrue();
        assertThat(supCon.gradB().equalsWithEps(clip.gradB(), 1e-12)).isTrue();
        assertThat(supCon.gradLogitScale()).isCloseTo(clip.gradLogitScale(), within(1e-12));
    }

    @Test
    void supCon_doesNotPenaliseSameLabelPairsThatClipTreatsAsNegatives() {
        // two pairs of one class, all four embeddings equal: CLIP cannot tell the partners apart
        INDArray a = GradientCheck.unitRows(GradientCheck.gaussian(1, 4, 9)).repeat(0, 2);
        double clip = new ClipLoss().compute(a, a.dup(), null, 10.0).loss();
        double supCon = new SupConClipLoss().compute(a, a.dup(), new int[] {3, 3}, 10.0).loss();
        assertThat(clip).isCloseTo(Math.log(2), within(1e-12));
        assertThat(supCon).isCloseTo(Math.log(2), within(1e-12));
        // and the entropy of a uniform target is the floor: SupCon sits at its minimum, so no gradient
        assertThat(new SupConClipLoss().compute(a, a.dup(), new int[] {3, 3}, 10.0).gradA().amaxNumber().doubleValue())
                .isLessThan(1e-12);
    }

    @Test
    void supCon_withoutLabels_saysWhatItNeeds() {
        INDArray a = GradientCheck.gaussian(3, 2, 1);
        assertThatThrownBy(() -> new SupConClipLoss().compute(a, a, null, 10.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 3 labels, found none");
    }

    @Test
    void losses_rejectBatchesOfDifferentShapes() {
        assertThatThrownBy(() -> new ClipLoss().compute(GradientCheck.gaussian(3, 2, 1), GradientCheck.gaussian(4, 2, 1),
                null, 10.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 2] and [4, 2]");
    }

    @Test
    void losses_computeInFloatToo() {
        INDArray a = GradientCheck.unitRows(GradientCheck.gaussian(4, 3, 1));
        INDArray b = GradientCheck.unitRows(GradientCheck.gaussian(4, 3, 2));
        double inDouble = new ClipLoss().compute(a, b, null, 10.0).loss();
        ContrastiveLoss.Result inFloat = new ClipLoss().compute(a.castTo(DataType.FLOAT), b.castTo(DataType.FLOAT), null, 10.0);
        assertThat(inFloat.loss()).isCloseTo(inDouble, within(1e-5));
        assertThat(inFloat.gradA().dataType()).isEqualTo(DataType.FLOAT);
    }
}

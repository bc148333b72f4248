package io.liquidstream.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.association.PrototypicalClassifier;
import io.liquidstream.core.projection.ContrastiveTrainer;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ZeroShotProtocolTest {

    private static final ZeroShotProtocol.Config SPLIT =
            new ZeroShotProtocol.Config(new TreeSet<>(Set.of(0, 1, 2)), new TreeSet<>(Set.of(3, 4)), 5);

    @Test
    void pairsFormWithinAClassByIndex_upToTheSmallerCount() {
        int[] a = {0, 1, 0, 1, 0};
        int[] b = {1, 0, 0, 1};
        int[][] pairs = ClassPairing.pairs(a, b, Set.of(0, 1));
        assertThat(pairs).isDeepEqualTo(new int[][] {{0, 1}, {2, 2}, {1, 0}, {3, 3}});
    }

    @Test
    void testQueriesAreTheFirstSamplesOfEachClass() {
        int[] labels = {2, 0, 2, 2, 0, 1};
        assertThat(ClassPairing.firstPerClass(labels, Set.of(0, 2), 2)).containsExactly(1, 4, 0, 2);
    }

    @Test
    void givenARetrieverThatAlwaysPicksTheFirstGalleryRow_accuracyIsThatClassShare() {
        ModalityFeatures a = features("a", 10, 1);
        ModalityFeatures b = features("b", 10, 2);
        CrossModalRetriever first = new CrossModalRetriever() {
            @Override
            public int[] top1AToB(float[][] q, float[][] g) {
                return new int[q.length];
            }

            @Override
            public int[] top1BToA(float[][] q, float[][] g) {
                return new int[q.length];
            }
        };
        ZeroShotProtocol.Scores s = new ZeroShotProtocol(SPLIT).score(first, a, b);
        // The first gallery row belongs to the first class: one in three in-class queries, one in two zero-shot.
        assertThat(s.inClassAToB()).isCloseTo(100.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.zeroShotBToA()).isEqualTo(50.0);
        assertThat(s.inClassQueriesA()).isEqualTo(15);
        assertThat(s.zeroShotQueriesB()).isEqualTo(10);
    }

    @Test
    void contrastiveHeadsOnSharedStructure_retrieveUnseenClassesAboveChance() {
        ModalityFeatures a = features("a", 60, 3);
        ModalityFeatures b = features("b", 60, 4);
        ZeroShotProtocol protocol = new ZeroShotProtocol(SPLIT);
        ContrastiveTrainer.Config config = new ContrastiveTrainer.Config(30, 32, 3e-3, 0.0, 0.1, false,
                ContrastiveTrainer.LossKind.CLIP, 5);
        ZeroShotProtocol.Scores s = protocol.score(CrossModalTraining.trainHeads(SPLIT.trainClasses(), a, b,
                CrossModalTraining.HeadShape.of(64), config, null).retriever(), a, b);
        assertThat(s.inClassAToB()).isGreaterThan(90);
        // Both views are linear images of one latent code, so unseen classes still align: well above 50 %.
        assertThat(s.zeroShotAToB()).isGreaterThan(80);
    }

    @Test
    void prototypeBaselineOnSharedStructure_retrievesInClassAboveChance() {
        ModalityFeatures a = features("a", 60, 3);
        ModalityFeatures b = features("b", 60, 4);
        ZeroShotProtocol protocol = new ZeroShotProtocol(SPLIT);
        ZeroShotProtocol.Scores s = protocol.score(CrossModalTraining.fitPrototypes(protocol, a, b,
                PrototypicalClassifier.Normalisation.STANDARDISE, 1e-2), a, b);
        assertThat(s.inClassAToB()).isGreaterThan(80);
    }

    @Test
    void overlappingClassSplitsAreRejected() {
        assertThatThrownBy(() -> new ZeroShotProtocol.Config(new TreeSet<>(Set.of(1, 2)), new TreeSet<>(Set.of(2)), 10))
                .hasMessageContaining("overlap");
    }

    /** Two modalities seeing the same 5 latent class centres through different maps into 40 dimensions. */
    private static ModalityFeatures features(String name, int perClass, long noiseSeed) {
        return LatentViews.features(name, perClass, noiseSeed, 40, 0.3);
    }
}

package io.liquidstream.core.association;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.association.PrototypicalClassifier.Normalisation;
import io.liquidstream.core.association.PrototypicalClassifier.Prototypes;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Synthetic world with shared structure: each class has a latent point z_c in 4 dimensions; modality
 * "audio" sees P z + noise (24 features), modality "image" sees Q z + noise (30 features), so one
 * linear relation links the two for every class, seen or not.
 */
class PrototypicalClassifierTest {

    private static final int LATENT = 4;
    private static final int PER_CLASS = 40;
    private final Random random = new Random(3);
    private final float[][] latent = matrix(10, LATENT, 2.0);
    private final float[][] p = matrix(LATENT, 24, 1.0);
    private final float[][] q = matrix(LATENT, 30, 1.0);

    @Test
    void givenZeroShotClasses_translatedQueriesFindTheirClassAmongOtherModalityPrototypes() {
        PrototypicalClassifier clf = fitOnClasses(0, 7, Normalisation.STANDARDISE);
        Split support = samples(q, 7, 10);
        Split queries = samples(p, 7, 10);
        Prototypes imagePrototypes = clf.prototypes("image", support.x, support.labels);

        assertThat(imagePrototypes.classes()).containsExactly(7, 8, 9);
        assertThat(accuracy(clf, "audio", queries, imagePrototypes)).isGreaterThan(0.9);
    }

    @Test
    void givenTrainClasses_sameModalityPrototypesClassifyHeldOutSamples() {
        PrototypicalClassifier clf = fitOnClasses(0, 7, Normalisation.L2);
        Split support = samples(q, 0, 7);
        Split queries = samples(q, 0, 7);

        assertThat(accuracy(clf, "image", queries, clf.prototypes("image", support.x, support.labels))).isGreaterThan(0.9);
    }

    @Test
    void givenUnrelatedModalities_zeroShotFallsToChance() {
        // image features of the zero-shot classes come from their own latent points, unrelated to audio's
        PrototypicalClassifier clf = fitOnClasses(0, 7, Normalisation.STANDARDISE);
        float[][] unrelated = matrix(10, LATENT, 2.0);
        for (int c = 7; c < 10; c++) {
            latent[c] = unrelated[c];
        }
        Split support = samples(q, 7, 10);
        latent[7] = unrelated[8];
        latent[8] = unrelated[9];
        latent[9] = unrelated[7];
        Split queries = samples(p, 7, 10);

        assertThat(accuracy(clf, "audio", queries, clf.prototypes("image", support.x, support.labels))).isLessThan(0.6);
    }

    @Test
    void givenQueriesOfEitherModality_retrievalFindsSameClassRowsOfTheOther() {
        PrototypicalClassifier clf = fitOnClasses(0, 7, Normalisation.STANDARDISE);
        Split audio = samples(p, 7, 10);
        Split image = samples(q, 7, 10);

        int[] a2i = clf.retrieveTop1("audio", audio.x, image.x);
        int[] i2a = clf.retrieveTop1("image", image.x, audio.x);

        assertThat(hits(a2i, audio.labels, image.labels)).isGreaterThan(0.8);
        assertThat(hits(i2a, image.labels, audio.labels)).isGreaterThan(0.8);
    }

    @Test
    void givenUnknownModality_errorNamesTheKnownOnes() {
        PrototypicalClassifier clf = fitOnClasses(0, 7, Normalisation.NONE);

        assertThatThrownBy(() -> clf.translate("neural", new float[24])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'audio'").hasMessageContaining("'image'").hasMessageContaining("'neural'");
    }

    @Test
    void givenUnpairedRows_fitIsRejected() {
        assertThatThrownBy(() -> PrototypicalClassifier.fit("audio", new float[3][2], "image", new float[4][2],
                Normalisation.NONE, 1e-3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 audio")
                .hasMessageContaining("4 image");
    }

    private PrototypicalClassifier fitOnClasses(int from, int to, Normalisation normalisation) {
        Split a = samples(p, from, to);
        Split b = samples(q, from, to); // same class order, so row i of each is a same-class pair
        return PrototypicalClassifier.fit("audio", a.x, "image", b.x, normalisation, 1e-2);
    }

    private record Split(float[][] x, int[] labels) {
    }

    /** PER_CLASS samples of each class in [from, to): view · (z_c + latent jitter) + feature noise. */
    private Split samples(float[][] view, int from, int to) {
        int n = (to - from) * PER_CLASS;
        float[][] x = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = from + i / PER_CLASS;
            labels[i] = c;
            float[] z = latent[c].clone();
            for (int k = 0; k < LATENT; k++) {
                z[k] += (float) (0.3 * random.nextGaussian());
            }
            x[i] = new float[view[0].length];
            for (int j = 0; j < x[i].length; j++) {
                double s = 0.2 * random.nextGaussian();
                for (int k = 0; k < LATENT; k++) {
                    s += z[k] * view[k][j];
                }
                x[i][j] = (float) s;
            }
        }
        return new Split(x, labels);
    }

    private static double accuracy(PrototypicalClassifier clf, String modality, Split queries, Prototypes prototypes) {
        int correct = 0;
        for (int i = 0; i < queries.x.length; i++) {
            if (clf.classify(modality, queries.x[i], prototypes) == queries.labels[i]) {
                correct++;
            }
        }
        return (double) correct / queries.x.length;
    }

    private static double hits(int[] top1, int[] queryLabels, int[] galleryLabels) {
        int correct = 0;
        for (int i = 0; i < top1.length; i++) {
            if (galleryLabels[top1[i]] == queryLabels[i]) {
                correct++;
            }
        }
        return (double) correct / top1.length;
    }

    private float[][] matrix(int rows, int cols, double scale) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (scale * random.nextGaussian());
            }
        }
        return m;
    }
}

package io.liquidstream.core.association;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AssociationIndexTest {

    private static final int D = 16;
    private final Random random = new Random(42);

    @Test
    void givenRandomGallery_topKEqualsBruteForceCosineRanking() {
        AssociationIndex index = new AssociationIndex(D, 1000);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            float[] v = gaussian(D);
            vectors.add(v);
            index.addGallery("g" + i, i % 7, "image", v);
        }
        for (int trial = 0; trial < 20; trial++) {
            float[] query = scaled(gaussian(D), 3.5f);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < vectors.size(); i++) {
                expected.add(i);
            }
            expected.sort(Comparator.comparingDouble((Integer i) -> -cosine(query, vectors.get(i))));

            List<Match> top = index.topK(query, 10, Filter.all());

            assertThat(top).extracting(Match::id)
                    .containsExactlyElementsOf(expected.subList(0, 10).stream().map(i -> "g" + i).toList());
            for (Match m : top) {
                int i = Integer.parseInt(m.id().substring(1));
                assertThat((double) m.score()).isCloseTo(cosine(query, vectors.get(i)), org.assertj.core.data.Offset.offset(1e-5));
                assertThat(m.classLabel()).isEqualTo(i % 7);
            }
        }
    }

    @Test
    void givenFewerCandidatesThanK_returnsAllBestFirst() {
        AssociationIndex index = new AssociationIndex(2, 10);
        index.addGallery("far", 0, "audio", new float[] {0, 1});
        index.addGallery("near", 1, "audio", new float[] {1, 0.1f});

        assertThat(index.topK(new float[] {1, 0}, 5, Filter.all())).extracting(Match::id).containsExactly("near", "far");
    }

    @Test
    void givenFilter_onlyAdmittedKindsAndModalitiesAreReturned() {
        AssociationIndex index = new AssociationIndex(2, 10);
        index.addAnchor("a-img", 3, "image", new float[] {1, 0});
        index.addAnchor("a-aud", 4, "audio", new float[] {1, 0});
        index.addGallery("g-img", 5, "image", new float[] {1, 0});
        index.addGallery("g-aud", Match.UNLABELLED, "audio", new float[] {1, 0});
        float[] q = {1, 0};

        assertThat(index.topK(q, 10, Filter.anchorsOnly())).extracting(Match::id).containsExactlyInAnyOrder("a-img", "a-aud");
        assertThat(index.topK(q, 10, Filter.galleryOnly())).extracting(Match::id).containsExactlyInAnyOrder("g-img", "g-aud");
        assertThat(index.topK(q, 10, Filter.all().ofModality("image"))).extracting(Match::id)
                .containsExactlyInAnyOrder("a-img", "g-img");
        assertThat(index.topK(q, 10, Filter.galleryOnly().ofModality("audio"))).singleElement()
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(Match.Kind.GALLERY);
                    assertThat(m.labelled()).isFalse();
                    assertThat(m.modality()).isEqualTo("audio");
                });
        assertThat(index.topK(q, 10, Filter.all().ofModality("neural"))).isEmpty();
    }

    @Test
    void givenFullGallery_addingEvictsTheOldestEntry() {
        AssociationIndex index = new AssociationIndex(2, 3);
        index.addGallery("g0", 0, "image", new float[] {1, 0});
        index.addGallery("g1", 0, "image", new float[] {1, 0});
        index.addGallery("g2", 0, "image", new float[] {1, 0});

        assertThat(index.addGallery("g3", 0, "image", new float[] {1, 0})).contains("g0");
        assertThat(index.addGallery("g4", 0, "image", new float[] {1, 0})).contains("g1");
        assertThat(index.gallerySize()).isEqualTo(3);
        assertThat(index.topK(new float[] {1, 0}, 10, Filter.all())).extracting(Match::id)
                .containsExactlyInAnyOrder("g2", "g3", "g4");
    }

    @Test
    void givenRemovedEntry_itsSlotIsReusedBeforeAnythingIsEvicted() {
        AssociationIndex index = new AssociationIndex(2, 2);
        index.addGallery("g0", 0, "image", new float[] {1, 0});
        index.addGallery("g1", 0, "image", new float[] {0, 1});
        assertThat(index.removeGallery("g0")).isTrue();

        assertThat(index.addGallery("g2", 0, "image", new float[] {1, 1})).isEmpty();
        assertThat(index.topK(new float[] {1, 0}, 10, Filter.all())).extracting(Match::id).containsExactly("g2", "g1");
    }

    @Test
    void givenReAddedId_entryIsReplacedNotDuplicated() {
        AssociationIndex index = new AssociationIndex(2, 10);
        index.addAnchor("seven", 7, "image", new float[] {1, 0});
        index.addAnchor("seven", 8, "image", new float[] {0, 1});

        assertThat(index.anchorCount()).isEqualTo(1);
        assertThat(index.topK(new float[] {0, 1}, 5, Filter.anchorsOnly())).singleElement()
                .satisfies(m -> assertThat(m.classLabel()).isEqualTo(8));
    }

    @Test
    void givenAnchors_predictionIsTheNearestAnchorsClass() {
        AssociationIndex index = new AssociationIndex(2, 10);
        index.addAnchor("a", 1, "image", new float[] {1, 0});
        index.addAnchor("b", 2, "image", new float[] {0, 1});
        index.addGallery("g", 9, "image", new float[] {1, 0.2f});

        assertThat(index.predictClass(new float[] {0.9f, 0.3f}, 5, Filter.all())).hasValueSatisfying(p -> {
            assertThat(p.classLabel()).isEqualTo(1);
            assertThat(p.basis()).isEqualTo(Match.Kind.ANCHOR);
        });
    }

    @Test
    void givenNoAnchors_predictionIsTheMajorityOfTopKGalleryLabels() {
        AssociationIndex index = new AssociationIndex(2, 10);
        index.addGallery("best", 1, "image", new float[] {1, 0});
        index.addGallery("x", 2, "image", new float[] {1, 0.3f});
        index.addGallery("y", 2, "image", new float[] {1, 0.4f});
        index.addGallery("unlabelled", Match.UNLABELLED, "image", new float[] {1, 0.01f});
        index.addGallery("far", 1, "image", new float[] {-1, 0});

        assertThat(index.predictClass(new float[] {1, 0}, 4, Filter.all())).hasValueSatisfying(p -> {
            assertThat(p.classLabel()).isEqualTo(2);
            assertThat(p.votes()).isEqualTo(2);
            assertThat(p.basis()).isEqualTo(Match.Kind.GALLERY);
        });
    }

    @Test
    void givenTiedVotes_predictionGoesToTheClassWithTheBestScore() {
        AssociationIndex index = new AssociationIndex(2, 10);
        index.addGallery("a", 1, "image", new float[] {1, 0.2f});
        index.addGallery("b", 2, "image", new float[] {1, 0.1f});

        assertThat(index.predictClass(new float[] {1, 0}, 2, Filter.galleryOnly())).hasValueSatisfying(
                p -> assertThat(p.classLabel()).isEqualTo(2));
    }

    @Test
    void givenNoLabelledCandidate_noPrediction() {
        AssociationIndex index = new AssociationIndex(2, 10);
        index.addGallery("u", Match.UNLABELLED, "image", new float[] {1, 0});

        assertThat(index.predictClass(new float[] {1, 0}, 3, Filter.all())).isEmpty();
    }

    @Test
    void givenWrongDimension_queryIsRejectedNamingBothSizes() {
        AssociationIndex index = new AssociationIndex(4, 10);

        assertThatThrownBy(() -> index.topK(new float[3], 1, Filter.all()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4").hasMessageContaining("3");
    }

    @Test
    void givenConcurrentAnchorChurn_fourQueryingThreadsSeeConsistentResults() throws Exception {
        AssociationIndex index = new AssociationIndex(D, 100);
        // stable anchors sit on the query's axis; churned anchors are orthogonal to it, so they may come and
        // go but can never outrank the stable ones
        float[] axis = new float[D];
        axis[0] = 1;
        for (int i = 0; i < 3; i++) {
            float[] v = axis.clone();
            v[1] = 0.01f * i;
            index.addAnchor("stable" + i, i, "image", v);
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(5);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<Integer> writer = pool.submit(() -> {
                Random r = new Random(7);
                started.countDown();
                started.await();
                int changes = 0;
                while (!stop.get() || changes < 2000) {
                    float[] v = new float[D];
                    v[2 + r.nextInt(D - 2)] = 1;
                    String id = "churn" + r.nextInt(50);
                    if (r.nextBoolean()) {
                        index.addAnchor(id, 100, "image", v);
                    } else {
                        index.removeAnchor(id);
                    }
                    changes++;
                }
                return changes;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                readers.add(pool.submit(() -> {
                    started.countDown();
                    started.await();
                    int queries = 0;
                    for (; queries < 3000; queries++) {
                        List<Match> top = index.topK(axis, 3, Filter.anchorsOnly());
                        assertThat(top).extracting(Match::id).containsExactly("stable0", "stable1", "stable2");
                        List<Match> all = index.topK(axis, 60, Filter.anchorsOnly());
                        assertThat(all).extracting(Match::id).doesNotHaveDuplicates();
                        assertThat(all).isSortedAccordingTo(Comparator.comparing(Match::score).reversed());
                    }
                    return queries;
                }));
            }
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(3000);
            }
            stop.set(true);
            assertThat(writer.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2000);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void givenBatch_top1EqualsPerQueryArgmax() {
        float[][] gallery = new float[700][];
        for (int i = 0; i < gallery.length; i++) {
            gallery[i] = gaussian(D);
        }
        float[][] queries = new float[23][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = gaussian(D);
        }

        int[] top1 = AssociationIndex.top1(queries, gallery);

        for (int i = 0; i < queries.length; i++) {
            int best = 0;
            for (int r = 1; r < gallery.length; r++) {
                if (cosine(queries[i], gallery[r]) > cosine(queries[i], gallery[best])) {
                    best = r;
                }
            }
            assertThat(top1[i]).as("query %d", i).isEqualTo(best);
        }
    }

    @Test
    void givenEqualScores_top1PicksTheLowestGalleryIndex() {
        float[][] gallery = {{0, 1}, {2, 0}, {1, 0}};

        assertThat(AssociationIndex.top1(new float[][] {{5, 0}}, gallery)).containsExactly(1);
    }

    private float[] gaussian(int d) {
        float[] v = new float[d];
        for (int j = 0; j < d; j++) {
            v[j] = (float) random.nextGaussian();
        }
        return v;
    }

    private static float[] scaled(float[] v, float s) {
        float[] out = v.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] *= s;
        }
        return out;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < a.length; j++) {
            dot += (double) a[j] * b[j];
            na += (double) a[j] * a[j];
            nb += (double) b[j] * b[j];
        }
        return dot / Math.sqrt(na * nb);
    }
}

package io.liquidstream.connectors.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Match;
import io.liquidstream.schemas.Modality;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssociationLogTest {

    private final AssociationLog log = new AssociationLog();

    @Test
    void accuracyAndConfusionCountOnlyLabelledPredictedQueries() {
        log.add(association(3, 3, 1_000), 20.0, 0);
        log.add(association(3, 8, 1_000), 20.0, 0);
        log.add(association(8, 8, 1_000), 20.0, 0);
        log.add(association(null, 8, 1_000), 20.0, 0);
        log.add(association(8, null, 1_000), 20.0, 0);

        Map<String, Object> accuracy = log.accuracy();

        assertThat(accuracy.get("classes")).isEqualTo(List.of(3, 8));
        assertThat((int[][]) accuracy.get("confusion")).isDeepEqualTo(new int[][] {{1, 1}, {0, 1}});
        assertThat(accuracy.get("overall")).isEqualTo(Map.of("correct", 2, "total", 3));
    }

    @Test
    void theFeedKeepsTheNewestFirstAndNoMoreThanItsBound() {
        for (int i = 0; i < AssociationLog.FEED + 5; i++) {
            log.add(association(i, i, 1_000), null, 0);
        }

        List<Map<String, Object>> feed = log.feed(c -> "c" + c);

        assertThat(feed).hasSize(AssociationLog.FEED);
        assertThat(feed.get(0).get("label")).isEqualTo(AssociationLog.FEED + 4);
        assertThat(feed.get(0).get("className")).isEqualTo("c" + (AssociationLog.FEED + 4));
        assertThat(feed.get(0).get("latencyMs")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void latenciesFallInTheirBucketsAndAnswerUnknownEndToEndWithNoFigure() {
        log.add(association(1, 1, 1_500), 3.0, 0);
        log.add(association(1, 1, 30_000), 150.0, 0);
        log.add(association(1, 1, 500), null, 0);

        Map<String, Object> health = log.health(0);
        Map<String, Object> histogram = (Map<String, Object>) health.get("latencyHistogram");

        int[] endToEnd = (int[]) histogram.get("endToEnd");
        int[] inService = (int[]) histogram.get("inService");
        assertThat(endToEnd[2]).as("3 ms in (2, 5]").isEqualTo(1);
        assertThat(endToEnd[7]).as("150 ms in (100, 200]").isEqualTo(1);
        assertThat(endToEnd).hasSize(AssociationLog.UPPER_MS.length + 1);
        assertThat(java.util.Arrays.stream(endToEnd).sum()).isEqualTo(2);
        assertThat(java.util.Arrays.stream(inService).sum()).isEqualTo(3);
        assertThat(inService[5]).as("30 ms in service in (20, 50]").isEqualTo(1);
        assertThat(health.get("latencyP50Ms")).isEqualTo(3.0);
    }

    /** An association emitted {@code serviceMicros} after its window closed. */
    private static Association association(Integer label, Integer predicted, long serviceMicros) {
        return Association.newBuilder().setSource("cam").setModality(Modality.VISION).setSampleId("s")
                .setMatches(predicted == null ? List.of() : List.of(Match.newBuilder().setClassLabel(predicted)
                        .setModality(Modality.VISION).setScore(0.9f).build()))
                .setPredictedClass(predicted).setLabel(label).setModelVersion("m").setFirstEventMicros(0)
                .setWindowCloseMicros(10_000).setEmitMicros(10_000 + serviceMicros).build();
    }
}

package io.liquidstream.connectors.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.schemas.Embedding;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnchorRequestTest {

    private final WindowLog windows = new WindowLog(10);
    private final SourceBoard sources = new SourceBoard(Map.of());

    @Test
    void givenAWindowWhoseEventsTheViewHolds_theExemplarIsItsRawEvents() {
        EventPacket packet = EventPackets.fromColumns("cam", Modality.VISION, 0, 500, new int[] {0, 10}, new int[] {1, 2},
                new int[] {3, 4}, new int[] {1, 0});
        packet.setSampleId("s1");
        packet.setEndOfSample(true);
        sources.add(packet, "lsm.events.vision", 0, 0, 0);
        RecentWindow w = windows.add(embedding("cam", "s1"));

        AnchorRequest.Plan plan = new AnchorRequest(8, " eight ", List.of(w.id())).plan(windows, sources, 42);

        assertThat(plan.published()).singleElement().satisfies(p -> {
            assertThat(p.exemplar()).isEqualTo("events");
            assertThat(p.anchorId()).isEqualTo("view/class-8/vision/cam/s1");
        });
        EventPacket exemplar = (EventPacket) plan.anchors().get(0).getExemplar();
        assertThat(exemplar.getX()).containsExactly(1, 2);
        assertThat(exemplar.getT0Micros()).isEqualTo(500);
        assertThat(plan.anchors().get(0).getClassName()).isEqualTo("eight");
    }

    @Test
    void givenAWindowWithoutHeldEvents_theExemplarIsItsEmbedding() {
        RecentWindow w = windows.add(embedding("cam", "gone"));

        AnchorRequest.Plan plan = new AnchorRequest(8, null, List.of(w.id())).plan(windows, sources, 42);

        assertThat(plan.published().get(0).exemplar()).isEqualTo("embedding");
        assertThat(plan.anchors().get(0).getExemplar()).isInstanceOf(Embedding.class);
    }

    @Test
    void badRequestsAreRefusedSayingWhatWasExpected() {
        RecentWindow w = windows.add(embedding("cam", "s1"));
        assertThatThrownBy(() -> new AnchorRequest(-1, null, List.of(w.id())).plan(windows, sources, 0))
                .hasMessageContaining("classLabel, an integer in 0-1023, found -1");
        assertThatThrownBy(() -> new AnchorRequest(null, null, List.of(w.id())).plan(windows, sources, 0))
                .hasMessageContaining("found null");
        assertThatThrownBy(() -> new AnchorRequest(3, "x".repeat(65), List.of(w.id())).plan(windows, sources, 0))
                .hasMessageContaining("at most 64 printable characters");
        assertThatThrownBy(() -> new AnchorRequest(3, null, List.of()).plan(windows, sources, 0))
                .hasMessageContaining("1-32 window ids, found 0");
        assertThatThrownBy(() -> new AnchorRequest(3, null, List.of("w999")).plan(windows, sources, 0))
                .hasMessageContaining("found 'w999'");
    }

    private static Embedding embedding(String source, String sampleId) {
        return Embedding.newBuilder().setSource(source).setModality(Modality.VISION).setSampleId(sampleId)
                .setModelVersion("m").setVector(List.of(1f, 0f)).setFirstEventMicros(0).setWindowCloseMicros(0)
                .setEmitMicros(0).build();
    }
}

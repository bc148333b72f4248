package io.liquidstream.connectors.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceBoardTest {

    private static final ServiceLag NO_LAG = null;

    @Test
    void aSourcesEventsReachItsRingOnlyWhileWatched() {
        SourceBoard board = new SourceBoard(Map.of("vision", SensorGeometry.pixels(34, 34)));
        board.add(packet("cam", null, 3, false), "t", 0, 0, 0);
        EventRing ring = board.watch("cam").orElseThrow();
        long cursor = ring.head();

        board.add(packet("cam", null, 3, false), "t", 0, 0, 1);

        assertThat(ring.since(cursor, 100).size()).isEqualTo(3);
        board.unwatch("cam");
        assertThat(board.watched("cam")).isFalse();
        assertThat(board.watch("nobody")).isEmpty();
    }

    @Test
    void theSamplesOfASourceAreHeldWhole_andOnlyTheNewestFew() {
        SourceBoard board = new SourceBoard(Map.of());
        for (int s = 0; s < SourceBoard.SAMPLES_PER_SOURCE + 3; s++) {
            board.add(packet("cam", "s" + s, 2, false), "t", 0, 100 + s, 0);
            board.add(packet("cam", "s" + s, 2, true), "t", 0, 200 + s, 0);
        }

        assertThat(board.sample("cam", "s0")).isEmpty();
        HeldSample newest = board.sample("cam", "s" + (SourceBoard.SAMPLES_PER_SOURCE + 2)).orElseThrow();
        assertThat(newest.events()).isEqualTo(4);
        assertThat(newest.complete()).isTrue();
        assertThat(newest.lastSentMillis()).isEqualTo(200 + SourceBoard.SAMPLES_PER_SOURCE + 2);
        assertThat(board.heldEvents()).isEqualTo(4L * SourceBoard.SAMPLES_PER_SOURCE);
    }

    @Test
    void givenMoreSourcesThanTheBoardHolds_theForgottenSourceTakesItsRasterWithItAndARasterWaitsItsTurn() {
        SourceBoard board = new SourceBoard(Map.of());
        board.add(packet("cam-old", null, 1, false), "t", 0, 0, 0);
        assertThat(board.rasterDue("cam-old", 0, 500)).isTrue();
        board.raster("cam-old", Map.of("spikes", 1), 0);
        assertThat(board.rasterDue("cam-old", 499, 500)).isFalse();
        assertThat(board.rasterDue("cam-old", 500, 500)).isTrue();
        long firstVersion = board.raster("cam-old").orElseThrow().version();

        for (int s = 0; s < SourceBoard.MAX_SOURCES; s++) {
            board.add(packet("cam-" + s, null, 1, false), "t", 0, 0, 1 + s);
        }

        assertThat(board.raster("cam-old")).isEmpty();
        board.add(packet("cam-old", null, 1, false), "t", 0, 0, 10_000);
        assertThat(board.raster("cam-old")).isEmpty();
        assertThat(board.rasterDue("cam-old", 10_000, 500)).isTrue();
        board.raster("cam-old", Map.of("spikes", 2), 10_000);
        assertThat(board.raster("cam-old").orElseThrow().version()).isGreaterThan(firstVersion);
        assertThat(board.raster("nobody")).isEmpty();
        assertThat(board.rasterDue("nobody", 0, 500)).isFalse();
    }

    @Test
    void givenSamplesBeyondTheEventBudget_theOldestGoFirstWhateverTheirSource() {
        SourceBoard board = new SourceBoard(Map.of());
        int perSample = SourceBoard.SAMPLE_MAX_EVENTS;
        int samples = (int) (SourceBoard.HELD_EVENTS_BUDGET / perSample) + 2;
        for (int s = 0; s < samples; s++) {
            board.add(packet("cam-" + s, "s", perSample, true), "t", 0, 0, 0);
        }

        assertThat(board.heldEvents()).isLessThanOrEqualTo(SourceBoard.HELD_EVENTS_BUDGET);
        assertThat(board.sample("cam-0", "s")).isEmpty();
        assertThat(board.sample("cam-1", "s")).isEmpty();
        assertThat(board.sample("cam-" + (samples - 1), "s")).isPresent();
    }

    @Test
    void withoutAModelTheSensorIsSizedByTheAddressesSeen() {
        SourceBoard board = new SourceBoard(Map.of());
        board.add(packet("cam", null, 3, false), "t", 0, 0, 0);

        assertThat(board.geometry("cam")).isEqualTo(SensorGeometry.pixels(3, 3));
    }

    /** {@code events} vision events at (i, i), one per 10 µs. */
    private static EventPacket packet(String source, String sampleId, int events, boolean end) {
        int[] dt = new int[events];
        int[] xy = new int[events];
        for (int i = 0; i < events; i++) {
            dt[i] = i * 10;
            xy[i] = i % 34;
        }
        EventPacket p = EventPackets.fromColumns(source, Modality.VISION, 0, 0, dt, xy, xy.clone(), new int[events]);
        p.setSampleId(sampleId);
        p.setEndOfSample(end);
        return p;
    }
}

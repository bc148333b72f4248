package io.liquidstream.core.binning;

import static io.liquidstream.core.binning.FixedBinningTest.activeIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import org.junit.jupiter.api.Test;

class GridChunkBinningTest {

    private static final SensorGeometry FOUR = SensorGeometry.channels(4);
    private static final InputMapping MAPPING = InputMapping.channels(4);

    @Test
    void givenEmptySample_givesAllSilentWindow() {
        SpikeWindow w = new GridChunkBinning(129, 1000).bin(Events.empty(FOUR), MAPPING);

        assertThat(w.bins()).isEqualTo(129);
        assertThat(w.activeCount()).isZero();
    }

    @Test
    void givenZeroDuration_putsEverythingInChunkZero() {
        Events in = Events.builder(FOUR).add(5_000, 1, 0, 0).add(5_000, 2, 0, 0).build();

        assertThat(activeIn(new GridChunkBinning(3, 1000).bin(in, MAPPING), 0)).containsExactly(1, 2);
    }

    @Test
    void givenDurationAMultipleOfChunks_lastEventLandsInLastChunk() {
        // cells 0..5 (6 ms), 3 chunks of 2 cells
        Events in = Events.builder(FOUR).add(0, 0, 0, 0).add(1_999, 1, 0, 0).add(2_000, 2, 0, 0).add(5_999, 3, 0, 0).build();

        SpikeWindow w = new GridChunkBinning(3, 1000).bin(in, MAPPING);

        assertThat(activeIn(w, 0)).containsExactly(0, 1);
        assertThat(activeIn(w, 1)).containsExactly(2);
        assertThat(activeIn(w, 2)).containsExactly(3);
    }

    @Test
    void givenEventsInOneGridCell_theyShareAChunkEvenAcrossAnEqualTimeSplit() {
        // 2 cells, 2 chunks: 0 and 999 us are in cell 0, 1000 us starts cell 1
        Events in = Events.builder(FOUR).add(0, 0, 0, 0).add(999, 1, 0, 0).add(1_000, 2, 0, 0).build();

        SpikeWindow w = new GridChunkBinning(2, 1000).bin(in, MAPPING);

        assertThat(activeIn(w, 0)).containsExactly(0, 1);
        assertThat(activeIn(w, 1)).containsExactly(2);
    }

    @Test
    void givenDurationNotAMultiple_chunksHaveCeilSizeAndTrailingChunksStaySilent() {
        Events in = Events.builder(FOUR).add(0, 0, 0, 0).add(4_000, 1, 0, 0).build();
        SpikeWindow five = new GridChunkBinning(4, 1000).bin(in, MAPPING);

        // 5 cells, 4 chunks: 2 cells per chunk, cell 4 is in chunk 2, chunk 3 is padding
        assertThat(activeIn(five, 0)).containsExactly(0);
        assertThat(activeIn(five, 2)).containsExactly(1);
        assertThat(activeIn(five, 3)).isEmpty();
    }

    @Test
    void givenSampleShorterThanChunks_usesOneCellPerChunk() {
        Events in = Events.builder(FOUR).add(10_000, 0, 0, 0).add(11_500, 1, 0, 0).add(12_000, 2, 0, 0).build();

        SpikeWindow w = new GridChunkBinning(129, 1000).bin(in, MAPPING);

        assertThat(activeIn(w, 0)).containsExactly(0);
        assertThat(activeIn(w, 1)).containsExactly(1);
        assertThat(activeIn(w, 2)).containsExactly(2);
        assertThat(w.activeCount()).isEqualTo(3);
    }

    @Test
    void givenRepeatedChannelInOneChunk_marksItOnce() {
        Events in = Events.builder(FOUR).add(0, 3, 0, 0).add(500, 3, 0, 0).add(1_500, 3, 0, 0).build();

        SpikeWindow w = new GridChunkBinning(1, 1000).bin(in, MAPPING);

        assertThat(activeIn(w, 0)).containsExactly(3);
    }
}

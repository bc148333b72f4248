package io.liquidstream.core.binning;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import org.junit.jupiter.api.Test;

class FixedBinningTest {

    private static final SensorGeometry FOUR = SensorGeometry.channels(4);
    private static final InputMapping MAPPING = InputMapping.channels(4);

    @Test
    void givenEmptySample_givesAllSilentWindowOfAllBins() {
        SpikeWindow w = new FixedBinning(5).bin(Events.empty(FOUR), MAPPING);

        assertThat(w.bins()).isEqualTo(5);
        assertThat(w.inputs()).isEqualTo(4);
        assertThat(w.activeCount()).isZero();
    }

    @Test
    void givenZeroDuration_putsEverythingInBinZero() {
        Events in = Events.builder(FOUR).add(70, 1, 0, 0).add(70, 3, 0, 0).build();

        SpikeWindow w = new FixedBinning(5).bin(in, MAPPING);

        assertThat(w.toDense()[0]).containsExactly(false, true, false, true);
        assertThat(w.activeCount()).isEqualTo(2);
    }

    @Test
    void givenEventAtLastTime_landsInLastBin() {
        Events in = Events.builder(FOUR).add(0, 0, 0, 0).add(100, 2, 0, 0).build();

        boolean[][] dense = new FixedBinning(4).bin(in, MAPPING).toDense();

        assertThat(dense[0][0]).isTrue();
        assertThat(dense[3][2]).isTrue();
    }

    @Test
    void givenEventOnInnerEdge_landsInTheLaterBin() {
        // 4 bins over [0,100]: edges at 25, 50, 75; bins are closed below, open above
        Events in = Events.builder(FOUR).add(0, 0, 0, 0).add(24, 1, 0, 0).add(25, 2, 0, 0).add(74, 3, 0, 0)
                .add(75, 0, 0, 0).add(100, 1, 0, 0).build();

        SpikeWindow w = new FixedBinning(4).bin(in, MAPPING);

        assertThat(activeIn(w, 0)).containsExactly(0, 1);
        assertThat(activeIn(w, 1)).containsExactly(2);
        assertThat(activeIn(w, 2)).containsExactly(3);
        assertThat(activeIn(w, 3)).containsExactly(0, 1);
    }

    @Test
    void givenBinsAreRelativeToFirstEvent_offsetTimesBinTheSame() {
        Events shifted = Events.builder(FOUR).add(1_000_000, 0, 0, 0).add(1_000_050, 1, 0, 0).add(1_000_100, 2, 0, 0).build();
        Events origin = Events.builder(FOUR).add(0, 0, 0, 0).add(50, 1, 0, 0).add(100, 2, 0, 0).build();

        assertThat(new FixedBinning(3).bin(shifted, MAPPING)).isEqualTo(new FixedBinning(3).bin(origin, MAPPING));
    }

    @Test
    void givenTwoEventsOfOneInputInOneBin_marksItActiveOnce() {
        Events in = Events.builder(FOUR).add(0, 2, 0, 0).add(1, 2, 0, 0).add(2, 2, 0, 0).add(100, 0, 0, 0).build();

        SpikeWindow w = new FixedBinning(2).bin(in, MAPPING);

        assertThat(activeIn(w, 0)).containsExactly(2);
        assertThat(w.activeCount()).isEqualTo(2);
    }

    @Test
    void givenEventsOutOfInputOrder_indicesAscendWithinBin() {
        Events in = Events.builder(FOUR).add(0, 3, 0, 0).add(1, 0, 0, 0).add(2, 2, 0, 0).add(3, 0, 0, 0).build();

        assertThat(activeIn(new FixedBinning(1).bin(in, MAPPING), 0)).containsExactly(0, 2, 3);
    }

    @Test
    void givenMappingIgnoresAnEvent_itIsNotBinned() {
        Events in = Events.builder(FOUR).add(0, 3, 0, 0).add(10, 1, 0, 0).build();

        SpikeWindow w = new FixedBinning(2).bin(in, InputMapping.channels(2));

        assertThat(w.inputs()).isEqualTo(2);
        assertThat(activeIn(w, 0)).isEmpty();
        assertThat(activeIn(w, 1)).containsExactly(1);
    }

    @Test
    void givenVeryLongSample_lastEventStillLandsInLastBin() {
        long span = Long.MAX_VALUE / 4;
        Events in = Events.builder(FOUR).add(0, 0, 0, 0).add(span / 2, 1, 0, 0).add(span, 2, 0, 0).build();

        SpikeWindow w = new FixedBinning(201).bin(in, MAPPING);

        assertThat(activeIn(w, 100)).containsExactly(1);
        assertThat(activeIn(w, 200)).containsExactly(2);
    }

    static int[] activeIn(SpikeWindow w, int bin) {
        int[] out = new int[w.end(bin) - w.start(bin)];
        for (int k = w.start(bin); k < w.end(bin); k++) {
            out[k - w.start(bin)] = w.index(k);
        }
        return out;
    }
}

package io.liquidstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventPacketsTest {

    @Test
    void givenColumns_packetHoldsThemInOrder() {
        EventPacket packet = EventPackets.fromColumns("s", Modality.VISION, 3L, 100L,
                new int[] {0, 5, 5}, new int[] {1, 2, 3}, new int[] {4, 5, 6}, new int[] {1, 0, 1});

        assertThat(EventPackets.size(packet)).isEqualTo(3);
        assertThat(EventPackets.toIntArray(packet.getDt())).containsExactly(0, 5, 5);
        assertThat(EventPackets.toIntArray(packet.getX())).containsExactly(1, 2, 3);
        assertThat(EventPackets.toIntArray(packet.getY())).containsExactly(4, 5, 6);
        assertThat(EventPackets.toIntArray(packet.getP())).containsExactly(1, 0, 1);
        assertThat(packet.getSampleId()).isNull();
        assertThat(packet.getLabel()).isNull();
        assertThat(packet.getEndOfSample()).isFalse();
    }

    @Test
    void givenOneDimensionalSource_yAndPMayBeEmpty() {
        EventPacket packet = EventPackets.fromColumns("c", Modality.AUDIO, 0L, 0L,
                new int[] {1, 2}, new int[] {60, 3}, new int[0], new int[0]);

        assertThat(packet.getY()).isEmpty();
        assertThat(packet.getP()).isEmpty();
    }

    @Test
    void givenColumnsOfDifferentLengths_fromColumnsNamesTheColumn() {
        assertThatThrownBy(() -> EventPackets.fromColumns("s", Modality.VISION, 0L, 0L,
                new int[] {0, 1}, new int[] {1, 2}, new int[] {1}, new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y must have one entry per event (2) or none but has 1");
    }

    @Test
    void givenDecreasingTimes_fromColumnsRejectsThem() {
        assertThatThrownBy(() -> EventPackets.fromColumns("s", Modality.NEURAL, 0L, 0L,
                new int[] {5, 4}, new int[] {1, 2}, new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dt[1] = 4 follows dt[0] = 5");
    }

    @Test
    void givenBoxedList_toIntArrayCopiesIt() {
        assertThat(EventPackets.toIntArray(List.of(7, -1, 1_000_000))).containsExactly(7, -1, 1_000_000);
    }
}

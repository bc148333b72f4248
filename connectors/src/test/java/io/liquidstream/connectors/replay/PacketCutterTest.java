package io.liquidstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketCutterTest {

    private static final SensorGeometry PIXELS = SensorGeometry.pixels(34, 34);

    private static Events ramp(SensorGeometry geometry, int n, long start, long step) {
        Events.Builder b = Events.builder(geometry);
        for (int i = 0; i < n; i++) {
            b.add(start + i * step, i % geometry.width(), geometry.height() > 1 ? i % geometry.height() : 0,
                    geometry.polarities() > 1 ? i % 2 : 0);
        }
        return b.build();
    }

    @Test
    void givenAContinuousStreamInChunks_packetsHoldAtMostMaxEventsAndSeqCountsUpAcrossChunks() {
        PacketCutter cutter = new PacketCutter("cam", Modality.VISION, PIXELS, 4, 1_000_000);
        List<EventPacket> out = new ArrayList<>();

        cutter.add(ramp(PIXELS, 6, 0, 10), out::add);
        cutter.add(ramp(PIXELS, 5, 60, 10), out::add);
        cutter.flush(out::add);

        assertThat(out).extracting(EventPackets::size).containsExactly(4, 4, 3);
        assertThat(out).extracting(EventPacket::getSeq).containsExactly(0L, 1L, 2L);
        assertThat(out).extracting(EventPacket::getT0Micros).containsExactly(0L, 40L, 80L);
        assertThat(out.get(1).getDt()).containsExactly(0, 10, 20, 30);
        assertThat(out).allSatisfy(p -> {
            assertThat(p.getSampleId()).isNull();
            assertThat(p.getEndOfSample()).isFalse();
        });
    }

    @Test
    void givenSparseEvents_aPacketNeverSpansMaxMicros_andEachButTheFlushedOneIsWatermarkedAtTheNextOnesFirstEvent() {
        PacketCutter cutter = new PacketCutter("cam", Modality.VISION, PIXELS, 1000, 100);
        List<EventPacket> out = new ArrayList<>();

        cutter.add(ramp(PIXELS, 10, 0, 30), out::add);
        cutter.flush(out::add);

        assertThat(out).extracting(EventPackets::size).containsExactly(4, 4, 2);
        assertThat(out).allSatisfy(p -> assertThat(p.getDt().get(p.getDt().size() - 1)).isLessThan(100));
        assertThat(out).extracting(EventPacket::getT0Micros).containsExactly(0L, 120L, 240L);
        assertThat(out).extracting(EventPacket::getWatermarkMicros).containsExactly(120L, 240L, null);
    }

    @Test
    void givenASample_itsPacketsCarryIdAndLabelAndOnlyTheLastEndsIt() {
        PacketCutter cutter = new PacketCutter("cam", Modality.VISION, PIXELS, 3, 1_000_000);
        List<EventPacket> out = new ArrayList<>();

        cutter.sample("Train/3/a.bin", 3, ramp(PIXELS, 7, 0, 1), 5_000, out::add);

        assertThat(out).extracting(EventPackets::size).containsExactly(3, 3, 1);
        assertThat(out).extracting(EventPacket::getEndOfSample).containsExactly(false, false, true);
        assertThat(out).allSatisfy(p -> {
            assertThat(p.getWatermarkMicros()).isNull();
            assertThat(p.getSampleId()).isEqualTo("Train/3/a.bin");
            assertThat(p.getLabel()).isEqualTo(3);
        });
        assertThat(out.get(0).getT0Micros()).isEqualTo(5_000);
    }

    @Test
    void givenAnEmptySample_oneEmptyEndPacketStillClosesIt() {
        PacketCutter cutter = new PacketCutter("mic", Modality.AUDIO, SensorGeometry.channels(64), 3, 1_000);
        List<EventPacket> out = new ArrayList<>();

        cutter.sample("s0", null, Events.empty(SensorGeometry.channels(64)), 42, out::add);

        assertThat(out).singleElement().satisfies(p -> {
            assertThat(EventPackets.size(p)).isZero();
            assertThat(p.getEndOfSample()).isTrue();
            assertThat(p.getLabel()).isNull();
            assertThat(p.getT0Micros()).isEqualTo(42);
        });
    }

    @Test
    void givenChannelEvents_yAndPolarityColumnsStayEmpty() {
        SensorGeometry channels = SensorGeometry.channels(64);
        PacketCutter cutter = new PacketCutter("mic", Modality.AUDIO, channels, 10, 1_000);
        List<EventPacket> out = new ArrayList<>();

        cutter.add(ramp(channels, 5, 0, 1), out::add);
        cutter.flush(out::add);

        assertThat(out).singleElement().satisfies(p -> {
            assertThat(p.getX()).containsExactly(0, 1, 2, 3, 4);
            assertThat(p.getY()).isEmpty();
            assertThat(p.getP()).isEmpty();
        });
    }
}

package io.liquidstream.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacketReaderTest {

    private final PacketReader reader = new PacketReader(Map.of("vision", SensorGeometry.pixels(34, 34)), 100);

    /** Three events 0, 5 and {@code lastDt} us after {@code t0}. */
    private static EventPacket packet(long t0, int lastDt) {
        return EventPackets.fromColumns("cam-7", Modality.VISION, 42, t0, new int[] {0, 5, lastDt},
                new int[] {1, 2, 3}, new int[] {4, 5, 6}, new int[] {1, 0, 1});
    }

    private Packet<String> read(EventPacket packet) {
        return reader.read(packet, 0, "ack", "topic-0@17");
    }

    @Test
    void givenAnEpochScaleT0_eventTimesAreT0PlusTheirOffsets() {
        long t0 = 1_700_000_000_000_000L;

        Packet<String> p = read(packet(t0, 9));

        assertThat(p.events().times()).containsExactly(t0, t0 + 5, t0 + 9);
    }

    @Test
    void givenANegativeT0_thePacketIsRejectedAsBadTimeNamingSourceSeqAndValue() {
        assertThatThrownBy(() -> read(packet(-3, 9)))
                .isInstanceOfSatisfying(InvalidPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_TIME))
                .hasMessageContainingAll("'cam-7'", "seq 42", "t0Micros = -3", "topic-0@17");
    }

    @Test
    void givenAWatermark_thePacketCarriesIt_andANegativeOneIsRejectedAsBadTime() {
        EventPacket marked = packet(100, 9);
        marked.setWatermarkMicros(200L);
        EventPacket negative = packet(100, 9);
        negative.setWatermarkMicros(-1L);

        assertThat(read(marked).watermarkMicros()).isEqualTo(200L);
        assertThat(read(packet(100, 9)).hasWatermark()).isFalse();
        assertThatThrownBy(() -> read(negative))
                .isInstanceOfSatisfying(InvalidPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_TIME))
                .hasMessageContainingAll("'cam-7'", "watermarkMicros = -1");
    }

    @Test
    void givenAT0WhoseSumWithTheOffsetsOverflowsLong_thePacketIsRejectedAsBadTime() {
        long t0 = Long.MAX_VALUE - 5;

        assertThatThrownBy(() -> read(packet(t0, 9)))
                .isInstanceOfSatisfying(InvalidPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_TIME))
                .hasMessageContainingAll("'cam-7'", "seq 42", "t0Micros = " + t0);
    }

    @Test
    void givenAnOffsetCarryingAnEventBeyondTheClockRange_thePacketIsRejectedAsBadTimeNamingTheSum() {
        long t0 = PacketReader.MAX_TIME_MICROS - 7;

        assertThatThrownBy(() -> read(packet(t0, 9)))
                .isInstanceOfSatisfying(InvalidPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_TIME))
                .hasMessageContainingAll("'cam-7'", "seq 42", "dt[2] = 9", "giving " + (t0 + 9));
    }

    @Test
    void givenEventsEndingExactlyAtTheClockLimit_thePacketIsAccepted() {
        long t0 = PacketReader.MAX_TIME_MICROS - 9;

        assertThat(read(packet(t0, 9)).events().lastTime()).isEqualTo(PacketReader.MAX_TIME_MICROS);
    }

    @Test
    void givenASourceAnnouncedWithAnotherSensor_itsPacketsAreRefusedAsSensorMismatchNamingBoth() {
        SensorAnnouncements announced = new SensorAnnouncements();
        announced.announce("vision", "cam-7", SensorGeometry.pixels(320, 240));
        PacketReader checking = new PacketReader(Map.of("vision", SensorGeometry.pixels(34, 34)), 100, announced);

        assertThatThrownBy(() -> checking.read(packet(0, 9), 0, "ack", "topic-0@17"))
                .isInstanceOfSatisfying(InvalidPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.SENSOR_MISMATCH))
                .hasMessageContainingAll("sensor(34,34,2)", "'cam-7' announced as sensor(320,240,2)", "topic-0@17",
                        "--input vision=sensor(320,240,2)|");
    }

    @Test
    void givenASourceAnnouncedWithTheModalitysSensor_itsPacketsAreRead() {
        SensorAnnouncements announced = new SensorAnnouncements();
        announced.announce("vision", "cam-7", SensorGeometry.pixels(34, 34));
        announced.announce("vision", "other-camera", SensorGeometry.pixels(320, 240));
        PacketReader checking = new PacketReader(Map.of("vision", SensorGeometry.pixels(34, 34)), 100, announced);

        assertThat(checking.read(packet(0, 9), 0, "ack", "topic-0@17").events().size()).isEqualTo(3);
    }

    @Test
    void givenAnAddressOutsideTheSensor_theRejectionNamesTheSourceTheModelsSensorAndHowToServeAnother() {
        EventPacket wide = EventPackets.fromColumns("cam-7", Modality.VISION, 42, 0, new int[] {0, 5},
                new int[] {1, 319}, new int[] {4, 5}, new int[] {1, 0});

        assertThatThrownBy(() -> read(wide))
                .isInstanceOfSatisfying(InvalidPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.ADDRESS_OUT_OF_RANGE))
                .hasMessageContainingAll("event 1", "x=319", "sensor(34,34,2)", "'cam-7'", "train --input vision=");
    }
}

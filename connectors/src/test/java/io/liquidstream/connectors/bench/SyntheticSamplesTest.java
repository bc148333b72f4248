package io.liquidstream.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticSamplesTest {

    private static final AvroSingleObjectCodec<EventPacket> CODEC = AvroSingleObjectCodec.of(EventPacket.class);
    private static final SensorGeometry SENSOR = SensorGeometry.pixels(34, 34);

    @Test
    void aSampleIsCutIntoPacketsWhoseLastOneEndsTheSample() {
        SyntheticSamples samples = new SyntheticSamples(Modality.VISION, SENSOR, "cam-", 2, 2500, 1000, 300_000, 1);

        SyntheticSamples.Sample s = samples.next();

        List<EventPacket> packets = s.packets().stream().map(CODEC::decode).toList();
        assertThat(packets).extracting(EventPackets::size).containsExactly(1000, 1000, 500);
        assertThat(packets).extracting(EventPacket::getEndOfSample).containsExactly(false, false, true);
        assertThat(packets).allSatisfy(p -> assertThat(p.getSampleId().toString()).isEqualTo(s.sampleId()));
        assertThat(s.events()).isEqualTo(2500);
    }

    @Test
    void everyEventIsInsideTheSensorAndInsideTheSampleLength() {
        SyntheticSamples samples = new SyntheticSamples(Modality.VISION, SENSOR, "cam-", 1, 3000, 1000, 300_000, 2);

        for (byte[] bytes : samples.next().packets()) {
            EventPacket p = CODEC.decode(bytes);
            int[] dt = EventPackets.toIntArray(p.getDt());
            int[] x = EventPackets.toIntArray(p.getX());
            int[] y = EventPackets.toIntArray(p.getY());
            int[] pol = EventPackets.toIntArray(p.getP());
            for (int i = 0; i < dt.length; i++) {
                assertThat(SENSOR.contains(x[i], y[i], pol[i])).isTrue();
                assertThat(p.getT0Micros() + dt[i]).isBetween(0L, 300_000L);
            }
        }
    }

    @Test
    void eachSourceCountsItsOwnSequenceAndItsPacketsFollowOneAnotherInTime() {
        SyntheticSamples samples = new SyntheticSamples(Modality.VISION, SENSOR, "cam-", 3, 2000, 500, 100_000, 3);
        Map<String, List<EventPacket>> bySource = new HashMap<>();

        for (int i = 0; i < 9; i++) {
            SyntheticSamples.Sample s = samples.next();
            s.packets().forEach(b -> bySource.computeIfAbsent(s.source(), k -> new ArrayList<>()).add(CODEC.decode(b)));
        }

        assertThat(bySource).hasSize(3);
        bySource.values().forEach(packets -> {
            for (int i = 0; i < packets.size(); i++) {
                EventPacket p = packets.get(i);
                assertThat(p.getSeq()).isEqualTo(i);
                if (i > 0) {
                    EventPacket before = packets.get(i - 1);
                    long previousEnd = before.getT0Micros() + before.getDt().get(before.getDt().size() - 1);
                    assertThat(p.getT0Micros()).isGreaterThanOrEqualTo(previousEnd);
                }
            }
        });
    }
}

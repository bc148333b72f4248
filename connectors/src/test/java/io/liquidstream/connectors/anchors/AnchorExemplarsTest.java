package io.liquidstream.connectors.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnchorExemplarsTest {

    @TempDir
    Path dir;

    private static Events events(int n, long stepMicros) {
        Events.Builder b = Events.builder(SensorGeometry.pixels(34, 34));
        for (int i = 0; i < n; i++) {
            b.add(i * stepMicros, i % 34, (i * 7) % 34, i % 2);
        }
        return b.build();
    }

    @Test
    void givenALabelledDataSet_theFirstSamplesOfTheClassBecomeOneWholePacketEach() throws IOException {
        NmnistFolder.write(dir, "Train", new LabeledSample("a", 3, events(10, 100)));
        NmnistFolder.write(dir, "Train", new LabeledSample("b", 8, events(4000, 100)));
        NmnistFolder.write(dir, "Test", new LabeledSample("c", 8, events(20, 100)));
        NmnistFolder.write(dir, "Test", new LabeledSample("d", 8, events(30, 100)));

        AnchorExemplars.Read read = AnchorExemplars.read(dir, "anchors/x", Modality.VISION, 8, 2, 300_000);

        assertThat(read.labelled()).isTrue();
        assertThat(read.exemplars()).extracting(p -> p.getSampleId().toString())
                .containsExactly("Train/8/b.bin", "Test/8/c.bin");
        EventPacket first = read.exemplars().get(0);
        // 0.4 s of events: read in pieces of at most one 0.3 s span, joined again into one sample
        assertThat(EventPackets.size(first)).isEqualTo(4000);
        assertThat(EventPackets.toIntArray(first.getDt())[3999]).isEqualTo(399_900);
        assertThat(first.getLabel()).isEqualTo(8);
        assertThat(first.getEndOfSample()).isTrue();
    }

    @Test
    void givenARecordingWithoutSamples_itsFirstSpansBecomeTheExemplars() throws IOException {
        StringBuilder csv = new StringBuilder("t,x,y,p\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i * 10_000).append(",5,5,1\n"); // one event every 10 ms for 1 s
        }
        Path file = Files.writeString(dir.resolve("cam.csv"), csv);

        AnchorExemplars.Read read = AnchorExemplars.read(file, "anchors/cam", Modality.VISION, 4, 2, 300_000);

        assertThat(read.labelled()).isFalse();
        assertThat(read.exemplars()).hasSize(2).allSatisfy(p -> {
            assertThat(EventPackets.size(p)).isEqualTo(30);
            assertThat(p.getLabel()).isEqualTo(4);
        });
        assertThat(read.exemplars().get(1).getT0Micros()).isEqualTo(300_000);
    }

    @Test
    void givenADataSetWithoutTheClass_readingFailsNamingIt() throws IOException {
        NmnistFolder.write(dir, "Train", new LabeledSample("a", 3, events(10, 100)));

        assertThatThrownBy(() -> AnchorExemplars.read(dir, "s", Modality.VISION, 8, 5, 300_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples of class 8");
    }
}

package io.liquidstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NWB files as replay inputs: trials become samples, a file without trials one stream; one channel per unit. */
class NwbReplayTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NwbReplayTest.class.getResource("/io/liquidstream/connectors/format/hdf5/" + name).toURI());
    }

    private static List<EventPacket> packets(PacketSource source) throws IOException {
        List<EventPacket> packets = new ArrayList<>();
        try (source) {
            for (EventPacket p = source.next(); p != null; p = source.next()) {
                packets.add(p);
            }
        }
        return packets;
    }

    @Test
    void givenTrialsAndALabelColumn_eachTrialIsALabelledSampleEndingItsLastPacket() throws Exception {
        PacketSource source = ReplayInputs.open(fixture("nwb-units-trials.nwb"), "m1", Modality.NEURAL, 3, 1_000_000,
                0, "stimulus");

        List<EventPacket> packets = packets(source);

        assertThat(source.description()).contains("NWB 2.7.0", "4 units", "3 trials as samples",
                "labels from trials column 'stimulus' (0=left, 1=right)");
        assertThat(packets).extracting(p -> p.getSampleId()).containsExactly("trial-0", "trial-0", "trial-1",
                "trial-1", "trial-2");
        assertThat(packets).extracting(EventPacket::getLabel).containsExactly(0, 0, 1, 1, 0);
        assertThat(packets).extracting(EventPacket::getEndOfSample).containsExactly(false, true, false, true, true);
        assertThat(packets.get(0).getX()).containsExactly(0, 1, 3);
        assertThat(packets.get(0).getDt()).containsExactly(0, 50_000, 200_000);
        assertThat(packets.get(1).getX()).containsExactly(0);
        assertThat(packets.get(0).getModality()).isEqualTo(Modality.NEURAL);
    }

    @Test
    void givenNoTrials_theSpikesAreOneUnlabelledStream() throws Exception {
        List<EventPacket> packets = packets(ReplayInputs.open(fixture("nwb-processing-units.nwb"), "m1",
                Modality.NEURAL, 1000, 1_000_000, 0, null));

        assertThat(packets).allSatisfy(p -> assertThat(p.getSampleId()).isNull());
        assertThat(packets.stream().mapToInt(p -> p.getDt().size()).sum()).isEqualTo(300);
        assertThat(packets).allSatisfy(p -> assertThat(p.getDt().get(p.getDt().size() - 1)).isLessThan(1_000_000));
        assertThat(packets.get(0).getT0Micros()).isEqualTo(5_000);
    }

    @Test
    void givenATrialLabelForAnythingButNwbTrials_replayRefusesIt() throws Exception {
        Path csv = Files.writeString(dir.resolve("e.csv"), "t,x,y,p\n0,1,1,1\n");

        assertThatThrownBy(() -> ReplayInputs.open(csv, "c", Modality.VISION, 10, 1000, 0, "stimulus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an NWB file");
        assertThatThrownBy(() -> ReplayInputs.open(fixture("nwb-processing-units.nwb"), "c", Modality.NEURAL, 10,
                1000, 0, "stimulus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no trials");
    }
}

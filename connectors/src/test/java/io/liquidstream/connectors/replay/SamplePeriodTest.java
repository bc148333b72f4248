package io.liquidstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelled samples laid on the source clock one per sample period, so two views of the same trials align. */
class SamplePeriodTest {

    @TempDir
    Path dir;

    /** The source time of each sample's first packet. */
    private List<Long> sampleStarts(long periodMicros) throws IOException {
        List<Long> starts = new ArrayList<>();
        boolean first = true;
        try (PacketSource source = ReplayInputs.open(dir, "cam", Modality.VISION, 1000, 1_000_000, periodMicros)) {
            for (EventPacket p = source.next(); p != null; p = source.next()) {
                if (first) {
                    starts.add(p.getT0Micros());
                }
                first = p.getEndOfSample();
            }
        }
        return starts;
    }

    /** {@code n} events from 0 to {@code lastMicros}. */
    private static Events lasting(long lastMicros, int n) {
        Events.Builder b = Events.builder(SensorGeometry.pixels(34, 34));
        for (int i = 0; i < n; i++) {
            b.add(lastMicros * i / (n - 1), 10, 10, 1);
        }
        return b.build();
    }

    @Test
    void givenAPeriodLongerThanEverySample_sampleKStartsAtKPeriods() throws IOException {
        NmnistFolder.write(dir, "Train", new LabeledSample("a", 1, lasting(300_000, 50)));
        NmnistFolder.write(dir, "Train", new LabeledSample("b", 2, lasting(100_000, 50)));
        NmnistFolder.write(dir, "Train", new LabeledSample("c", 3, lasting(200_000, 50)));

        assertThat(sampleStarts(500_000)).containsExactly(0L, 500_000L, 1_000_000L);
        assertThat(sampleStarts(0)).as("back to back, 10 ms apart").containsExactly(0L, 310_000L, 420_000L);
    }

    @Test
    void givenASampleLongerThanThePeriod_theNextStartsAGapAfterItInstead() throws IOException {
        NmnistFolder.write(dir, "Train", new LabeledSample("a", 1, lasting(700_000, 50)));
        NmnistFolder.write(dir, "Train", new LabeledSample("b", 2, lasting(100_000, 50)));
        NmnistFolder.write(dir, "Train", new LabeledSample("c", 3, lasting(100_000, 50)));

        assertThat(sampleStarts(500_000)).containsExactly(0L, 710_000L, 1_210_000L);
    }
}

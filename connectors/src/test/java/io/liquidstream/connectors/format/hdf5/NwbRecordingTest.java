package io.liquidstream.connectors.format.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.liquidstream.connectors.format.EventFileReader;
import io.liquidstream.connectors.format.EventFiles;
import io.liquidstream.connectors.format.EventFormatException;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NWB 2.x spike trains, read from files laid out as PyNWB 2.8 writes them (NWB 2.7.0, hdmf-common
 * 1.8.0; made by {@code make_nwb_fixtures.py} beside the fixtures).
 */
class NwbRecordingTest {

    private static final SensorGeometry FOUR_UNITS = SensorGeometry.channels(4);

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NwbRecordingTest.class.getResource(name).toURI());
    }

    /** Events on {@code geometry} from (time µs, unit) pairs. */
    private static Events events(SensorGeometry geometry, long... timeAndUnit) {
        Events.Builder b = Events.builder(geometry);
        for (int i = 0; i < timeAndUnit.length; i += 2) {
            b.add(timeAndUnit[i], (int) timeAndUnit[i + 1], 0, 0);
        }
        return b.build();
    }

    private static List<LabeledSample> all(NwbRecording.TrialSamples trials) {
        List<LabeledSample> samples = new ArrayList<>();
        trials.samples().forEachRemaining(samples::add);
        return samples;
    }

    @Test
    void givenPynwbLayout_readsVersionUnitsTheirElectrodeIdsAndTrials() throws Exception {
        NwbRecording nwb = NwbRecording.read(fixture("nwb-units-trials.nwb"));

        assertThat(nwb.version()).isEqualTo("2.7.0");
        assertThat(nwb.geometry()).isEqualTo(FOUR_UNITS);
        assertThat(nwb.spikes()).isEqualTo(10);
        assertThat(nwb.trials()).isEqualTo(3);
        Map<String, Object> details = nwb.details();
        assertThat(details).containsEntry("unitsTable", "/units")
                .containsEntry("unitIds", List.of(0L, 1L, 2L, 3L))
                .containsEntry("unitElectrodes", List.of(List.of(10L), List.of(10L), List.of(11L), List.of(11L, 12L)))
                .containsEntry("trialColumns", List.of("condition", "stimulus", "correct"));
    }

    @Test
    void givenNoTrialsAsked_allSpikesStreamInTimeOrderWithTheUnitAsChannel() throws Exception {
        List<Events> chunks = new ArrayList<>();
        try (EventFileReader reader = NwbRecording.read(fixture("nwb-units-trials.nwb")).events()) {
            for (Events chunk = reader.next(4); chunk != null; chunk = reader.next(4)) {
                chunks.add(chunk);
            }
        }

        assertThat(chunks).extracting(Events::size).containsExactly(4, 4, 2);
        assertThat(chunks.get(0)).isEqualTo(events(FOUR_UNITS, 100_000, 0, 150_000, 1, 300_000, 3, 500_000, 0));
        assertThat(chunks.get(1)).isEqualTo(events(FOUR_UNITS, 1_000_000, 3, 1_100_000, 3, 1_200_000, 0, 1_250_000, 1));
        assertThat(chunks.get(2)).isEqualTo(events(FOUR_UNITS, 2_050_000, 0, 2_500_000, 3));
    }

    @Test
    void givenTrials_eachIsASampleOfItsSpikesTimedFromItsStart() throws Exception {
        List<LabeledSample> samples = all(NwbRecording.read(fixture("nwb-units-trials.nwb")).trialSamples(null));

        assertThat(samples).extracting(LabeledSample::id).containsExactly("trial-0", "trial-1", "trial-2");
        assertThat(samples).extracting(LabeledSample::label).as("unlabelled").containsExactly(-1, -1, -1);
        assertThat(samples.get(0).events()).isEqualTo(events(FOUR_UNITS, 100_000, 0, 150_000, 1, 300_000, 3, 500_000, 0));
        assertThat(samples.get(1).events()).isEqualTo(events(FOUR_UNITS, 0, 3, 100_000, 3, 200_000, 0, 250_000, 1));
        assertThat(samples.get(2).events()).isEqualTo(events(FOUR_UNITS, 50_000, 0, 500_000, 3));
    }

    @Test
    void givenANumericLabelColumn_itsValuesAreTheLabels() throws Exception {
        NwbRecording.TrialSamples trials = NwbRecording.read(fixture("nwb-units-trials.nwb")).trialSamples("condition");

        assertThat(all(trials)).extracting(LabeledSample::label).containsExactly(3, 7, 3);
        assertThat(trials.labels()).isEqualTo("labels from trials column 'condition'");
    }

    @Test
    void givenATextOrBooleanLabelColumn_labelsIndexItsSortedValues() throws Exception {
        NwbRecording nwb = NwbRecording.read(fixture("nwb-units-trials.nwb"));

        NwbRecording.TrialSamples stimulus = nwb.trialSamples("stimulus");
        NwbRecording.TrialSamples correct = nwb.trialSamples("correct");

        assertThat(all(stimulus)).extracting(LabeledSample::label).containsExactly(0, 1, 0);
        assertThat(stimulus.labels()).isEqualTo("labels from trials column 'stimulus' (0=left, 1=right)");
        assertThat(all(correct)).extracting(LabeledSample::label).containsExactly(1, 0, 1);
        assertThat(correct.labels()).endsWith("(0=FALSE, 1=TRUE)");
    }

    @Test
    void givenAnUnknownLabelColumn_theErrorListsTheTrialsColumns() throws Exception {
        NwbRecording nwb = NwbRecording.read(fixture("nwb-units-trials.nwb"));

        assertThatThrownBy(() -> nwb.trialSamples("target"))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("'/intervals/trials/target'")
                .hasMessageContaining("[condition, stimulus, correct]");
    }

    @Test
    void givenUnitsInAProcessingModuleWithUnsortedTimes_streamsThemInTimeOrder() throws Exception {
        NwbRecording nwb = NwbRecording.read(fixture("nwb-processing-units.nwb"));
        List<Events> chunks = new ArrayList<>();
        try (EventFileReader reader = nwb.events()) {
            for (Events chunk = reader.next(64); chunk != null; chunk = reader.next(64)) {
                chunks.add(chunk);
            }
        }

        assertThat(nwb.details()).containsEntry("unitsTable", "/processing/ecephys/units")
                .containsEntry("unitIds", List.of(5L, 9L)).containsEntry("trials", 0).doesNotContainKey("unitElectrodes");
        assertThat(chunks).allSatisfy(c -> assertThat(c.size()).isLessThanOrEqualTo(64));
        long[] counts = new long[2];
        long last = Long.MIN_VALUE;
        for (Events chunk : chunks) {
            for (int i = 0; i < chunk.size(); i++) {
                assertThat(chunk.t(i)).isGreaterThanOrEqualTo(last);
                last = chunk.t(i);
                counts[chunk.x(i)]++;
            }
        }
        assertThat(counts).containsExactly(200, 100);
        assertThat(chunks.get(0).t(0)).isEqualTo(5_000);
        assertThat(chunks.get(0).x(1)).as("unit 9's earliest spike, stored last").isEqualTo(1);
        assertThat(chunks.get(0).t(1)).isEqualTo(12_500);
        assertThat(last).isEqualTo(2_487_500);
    }

    @Test
    void givenAFileWithoutUnits_theErrorSaysWhatItHoldsInstead() throws Exception {
        Path file = fixture("nwb-no-units.nwb");

        assertThatThrownBy(() -> NwbRecording.read(file))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("'/units': missing; expected an NWB Units table")
                .hasMessageContaining("ElectricalSeries (ElectricalSeries)")
                .hasMessageContaining("Raw voltages are not spike events");
    }

    @Test
    void givenAnyFileName_eventFilesRecognisesNwbByContent() throws Exception {
        Path renamed = Files.copy(fixture("nwb-units-trials.nwb"), dir.resolve("session.h5"));

        try (EventFileReader reader = EventFiles.open(renamed)) {
            assertThat(reader.format()).isEqualTo("nwb");
            assertThat(reader.geometry()).isEqualTo(FOUR_UNITS);
            assertThat(reader.details()).containsEntry("nwbVersion", "2.7.0");
        }
    }

    @Test
    void givenAnHdf5FileThatIsNotNwb_theErrorSaysNwbWasExpected() throws Exception {
        Path ntidigits = fixture("ntidigits-h5py.h5");

        assertThatThrownBy(() -> EventFiles.open(ntidigits))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("expected an NWB 2.x file");
    }

    /** A minimal NWB root with a Units table of the given columns, written with jhdf. */
    private Path nwbWithUnits(String version, double[] spikeTimes, long[] index) {
        Path file = dir.resolve("units.nwb");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("neurodata_type", "NWBFile");
            hdf.putAttribute("nwb_version", version);
            WritableGroup units = hdf.putGroup("units");
            units.putDataset("id", new long[index.length]);
            units.putDataset("spike_times", spikeTimes);
            units.putDataset("spike_times_index", index);
        }
        return file;
    }

    @Test
    void givenAnIndexThatOverrunsTheSpikeTimes_theErrorNamesTheIndexAndTheLengths() {
        Path file = nwbWithUnits("2.7.0", new double[] {0.1, 0.2, 0.3}, new long[] {2, 4});

        assertThatThrownBy(() -> NwbRecording.read(file))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("'/units/spike_times_index': entry 1 is 4; expected a non-decreasing end between 2 and 3");
    }

    @Test
    void givenASpikeBeforeTimeZero_theContinuousStreamRefusesIt() throws IOException {
        Path file = nwbWithUnits("2.7.0", new double[] {0.1, -0.5}, new long[] {1, 2});
        NwbRecording nwb = NwbRecording.read(file);

        assertThatThrownBy(nwb::events)
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("spikes at -0.5 s; expected times >= 0 s");
    }

    @Test
    void givenAnotherNwbVersion_theErrorNamesIt() {
        Path file = nwbWithUnits("1.0.6", new double[] {0.1}, new long[] {1});

        assertThatThrownBy(() -> NwbRecording.read(file))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("nwb_version is '1.0.6'; expected an NWB 2.x file");
    }
}

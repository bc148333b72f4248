package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.connectors.format.RealData;
import io.liquidstream.connectors.format.csv.CsvEventWriter;
import io.liquidstream.connectors.format.prophesee.Evt3Writer;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int inspect(String... args) {
        CommandLine cli = new CommandLine(new InspectCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void givenRealNmnistSample_jsonReportsItsKnownFigures() throws IOException {
        Path real = RealData.file("nmnist-sample.bin");

        int code = inspect(real.toString(), "--json");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("format").asText()).isEqualTo("nmnist");
        assertThat(json.get("events").asLong()).isEqualTo(4325);
        assertThat(json.get("on").asLong()).isEqualTo(2145);
        assertThat(json.get("off").asLong()).isEqualTo(2180);
        assertThat(json.get("width").asInt()).isEqualTo(34);
        assertThat(json.get("height").asInt()).isEqualTo(34);
        assertThat(json.get("firstTimestampUs").asLong()).isEqualTo(654);
        assertThat(json.get("lastTimestampUs").asLong()).isEqualTo(311175);
        assertThat(json.get("durationUs").asLong()).isEqualTo(311175 - 654);
        assertThat(json.get("eventsPerSecond").asDouble()).isCloseTo(4325 * 1e6 / (311175 - 654), within(0.1));
    }

    @Test
    void givenRealNmnistSample_textReportShowsCountsAndA34ColumnRaster() {
        Path real = RealData.file("nmnist-sample.bin");

        int code = inspect(real.toString());

        assertThat(code).isZero();
        String text = out.toString();
        assertThat(text).contains("format      nmnist", "events      4325 (ON 2145, OFF 2180)", "34x34",
                "654 .. 311175 us");
        assertThat(text.lines().filter(l -> l.startsWith("  |"))).hasSize(34)
                .allSatisfy(l -> assertThat(l).hasSize(34 + 4));
    }

    @Test
    void givenMaxEvents_stopsThere() {
        Path real = RealData.file("nmnist-sample.bin");

        inspect(real.toString(), "--json", "--max-events", "100");

        assertThat(out.toString()).contains("\"events\":100,");
    }

    @Test
    void givenLargeSensor_downsamplesTheRasterTo64Columns() throws IOException {
        SensorGeometry hd = SensorGeometry.pixels(1280, 720);
        Path raw = dir.resolve("hd.raw");
        Evt3Writer.write(raw, Events.builder(hd).add(1, 0, 0, 1).add(2, 1279, 719, 0).build());

        inspect(raw.toString());

        assertThat(out.toString().lines().filter(l -> l.startsWith("  |")))
                .hasSize(36).allSatisfy(l -> assertThat(l).hasSize(64 + 4));
    }

    @Test
    void givenChannelSource_printsAHistogramAndCountsEveryEventAsOn() throws IOException {
        Path csv = dir.resolve("spikes.csv");
        CsvEventWriter.write(csv, Events.builder(SensorGeometry.channels(4)).add(1, 0, 0, 0).add(2, 3, 0, 0)
                .add(3, 3, 0, 0).build());

        inspect(csv.toString());

        assertThat(out.toString()).contains("4 channels", "ON 3, OFF 0", "events per channel");
        assertThat(out.toString().lines().filter(l -> l.matches("\\s+\\d+ \\|.*"))).hasSize(4);
    }

    @Test
    void givenDamagedFile_printsWhatWasReadThenTheErrorAndExitsWithOne() throws IOException {
        Path real = RealData.file("nmnist-sample.bin");
        byte[] bytes = Files.readAllBytes(real);
        Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(bytes, 100 * 5 + 3));

        int code = inspect(cut.toString(), "--json");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("\"events\":100,", "\"error\":");
        assertThat(err.toString()).startsWith("error: ").contains("cut.bin at byte 500");
    }

    @Test
    void givenAnNwbFile_listsItsVersionUnitsElectrodesAndTrialsBesideTheChannelHistogram() throws Exception {
        Path nwb = Path.of(getClass().getResource("/io/liquidstream/connectors/format/hdf5/nwb-units-trials.nwb").toURI());

        int code = inspect(nwb.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("format      nwb", "sensor      4 channels", "nwbVersion  2.7.0",
                "unitIds     [0, 1, 2, 3]", "unitElectrodes [[10], [10], [11], [11, 12]]", "trials      3",
                "trialColumns [condition, stimulus, correct]", "events      10 (ON 10, OFF 0)");
        assertThat(out.toString().lines().filter(l -> l.matches("\\s+\\d+ \\|.*"))).hasSize(4);
    }

    @Test
    void givenAnNwbFile_jsonCarriesTheDetails() throws Exception {
        Path nwb = Path.of(getClass().getResource("/io/liquidstream/connectors/format/hdf5/nwb-units-trials.nwb").toURI());

        inspect(nwb.toString(), "--json");

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("format").asText()).isEqualTo("nwb");
        assertThat(json.get("events").asLong()).isEqualTo(10);
        assertThat(json.get("lastTimestampUs").asLong()).isEqualTo(2_500_000);
        assertThat(json.at("/details/unitElectrodes/3").toString()).isEqualTo("[11,12]");
        assertThat(json.at("/details/trials").asInt()).isEqualTo(3);
    }
}

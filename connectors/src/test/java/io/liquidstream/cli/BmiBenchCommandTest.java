package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code bench bmi} run briefly: the figures are there and the read-outs came back (no timing asserted). */
class BmiBenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        picocli.CommandLine cli = LiquidStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "bench";
        all[1] = "bmi";
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    @Test
    void givenOneSourceForThreeSeconds_theJsonHasTheLatencyFiguresAndEveryHopAfterTheWarmUpWasDecoded() throws Exception {
        int code = bench("--sources", "1", "--channels", "192", "--bin", "10ms", "--hop", "10ms", "--warmup", "0s",
                "--duration", "3s", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toString().strip());
        assertThat(r.get("channels").asInt()).isEqualTo(192);
        assertThat(r.get("hopMs").asDouble()).isEqualTo(10.0);
        assertThat(r.get("binMs").asDouble()).isEqualTo(10.0);
        assertThat(r.get("sources").asInt()).isEqualTo(1);
        assertThat(r.get("latencyP50Ms").asDouble()).isPositive().isLessThanOrEqualTo(r.get("latencyP99Ms").asDouble());
        assertThat(r.get("latencyP99Ms").asDouble()).isLessThanOrEqualTo(r.get("latencyP999Ms").asDouble());
        assertThat(r.get("firstSecondsP99Ms").asDouble()).isPositive();
        assertThat(r.get("cpuCores").asDouble()).isPositive();
        assertThat(r.has("loadAverage")).isTrue();
        // 300 hops of 10 ms; the 29 before the liquid has stepped its 30 warm-up bins are not read out; the last
        // is closed by its packet's watermark
        assertThat(r.get("watermarks").asBoolean()).isTrue();
        assertThat(r.get("packetsSent").asLong()).isEqualTo(300);
        assertThat(r.get("decoded").asLong()).isEqualTo(300 - 29);
        assertThat(r.get("unmatched").asLong()).isZero();
    }

    @Test
    void givenAWarmUpAndNoWatermarks_onlyHopsSentAfterTheWarmUpAreTimed_andTheLastWaitsForASpikeThatNeverComes()
            throws Exception {
        int code = bench("--sources", "1", "--bin", "10ms", "--hop", "10ms", "--warmup", "1s", "--duration", "2s",
                "--no-watermark", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toString().strip());
        assertThat(r.get("watermarks").asBoolean()).isFalse();
        assertThat(r.get("warmupSeconds").asDouble()).isEqualTo(1.0);
        assertThat(r.get("packetsSent").asLong()).isEqualTo(200);
        assertThat(r.get("decoded").asLong()).isEqualTo(200 - 1);
        assertThat(r.get("unmatched").asLong()).isZero();
    }

    @Test
    void givenAHopThatIsNotAWholeNumberOfBins_theCommandFailsNamingBoth() {
        int code = bench("--bin", "3ms", "--hop", "10ms", "--duration", "1s");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("whole number of bins").contains("10000 us").contains("3000 us");
    }
}

package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liquidstream.connectors.kafka.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench pipeline} run small: the figures are there and consistent, nothing is lost on the way. */
class PipelineBenchCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        CommandLine cli = LiquidStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "bench";
        all[1] = "pipeline";
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    @Test
    void givenASmallRun_everySampleIsAnsweredAndTheFiguresHangTogether() throws Exception {
        Path recording = dir.resolve("bench.jfr");
        int code = bench("--backlog-events", "80000", "--events-per-sample", "2000", "--packet-events", "500",
                "--warmup", "1s", "--duration", "2s", "--events-per-second", "40000", "--sources", "4", "--partitions", "2",
                "--profile", recording.toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toString().strip());
        assertThat(r.get("backlogEvents").asLong()).isEqualTo(80_000);
        assertThat(r.get("eventsPerSecond").asLong()).isPositive();
        assertThat(r.get("substrateEventsPerSecond").asLong()).isPositive();
        assertThat(r.get("ratioToSubstrate").asDouble())
                .isCloseTo(r.get("eventsPerSecond").asDouble() / r.get("substrateEventsPerSecond").asDouble(),
                        org.assertj.core.data.Percentage.withPercentage(1));
        // 2 s at 40,000 events/s in samples of 2,000 events
        assertThat(r.get("loadSamples").asLong()).isEqualTo(40);
        assertThat(r.get("unanswered").asLong()).isZero();
        assertThat(r.get("deadLetters").asLong()).isZero();
        assertThat(r.get("latencyP50Ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(r.get("latencyP99Ms").asDouble());
        assertThat(r.get("latencyP99Ms").asDouble()).isLessThanOrEqualTo(r.get("latencyP999Ms").asDouble());
        assertThat(r.get("heapMaxMiB").asLong()).isPositive();
        assertThat(r.get("threadCoresAtMaximum").fieldNames()).toIterable()
                .anyMatch(t -> t.startsWith("liquidstream-rail"));
        assertThat(Files.size(recording)).isPositive();
        assertThat(r.get("profileThreads").fieldNames()).toIterable().anyMatch(t -> t.startsWith("liquidstream-rail"));
    }

    @Test
    void givenAnExternalBroker_theRunUsesItAndRemovesItsTopicsAfterwards() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                     java.util.Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            int code = bench("--bootstrap-servers", broker.bootstrapServers(), "--backlog-events", "20000",
                    "--events-per-sample", "2000", "--warmup", "0s", "--duration", "1s", "--events-per-second", "20000",
                    "--json");

            assertThat(code).as(err.toString()).isZero();
            assertThat(new ObjectMapper().readTree(out.toString().strip()).get("unanswered").asLong()).isZero();
            assertThat(admin.listTopics().names().get()).noneMatch(t -> t.startsWith("bench-"));
        }
    }

    @Test
    void givenAModalityTheModelLacks_theRunIsRefusedByName() {
        int code = bench("--modality", "neural", "--backlog-events", "20000");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("expected modality 'neural' in the bundle");
    }
}

package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void givenAShortStreamingRun_theJsonSummaryReportsWindowsLatencyAndAccuracyAboveChanceWithClassCounts()
            throws Exception {
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("demo", "--duration", "10s", "--rate", "2",
                "--train-per-class", "20", "--epochs", "20", "--test-per-class", "12", "--anchor-trials", "3",
                "--sources", "3", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out().strip());
        assertThat(summary.get("windows").asLong()).isPositive();
        assertThat(summary.get("eventsPerSecond").asLong()).isPositive();
        assertThat(summary.get("latencyP50Ms").asDouble()).isPositive();
        assertThat(summary.get("latencyP99Ms").asDouble()).isGreaterThanOrEqualTo(summary.get("latencyP50Ms").asDouble());
        assertThat(summary.get("associationClasses").asInt()).isEqualTo(8);
        int searched = summary.get("associationClasses").asInt() + summary.get("zeroShotClasses").asInt();
        assertThat(summary.get("associationAccuracy").asDouble()).isGreaterThan(100.0 / searched);
        assertThat(summary.get("zeroShotClasses").asInt()).isEqualTo(2);
        assertThat(summary.get("zeroShotSamples").asLong()).isPositive();
        assertThat(summary.get("zeroShotAccuracy").isNumber()).isTrue();
        assertThat(summary.get("deadLetters").asLong()).isZero();
        assertThat(summary.get("viewUrl").asText()).as("the live view, on 8080 or any free port").matches(
                "http://127\\.0\\.0\\.1:\\d+/");
    }

    @Test
    void givenOffline_theJsonNamesBothModalitiesAccuraciesOnTheTrialsSimulatedPerClass() throws Exception {
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("demo", "--offline", "--per-class", "3",
                "--test-per-class", "2", "--epochs", "2", "--device", "rram", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(run.out().strip());
        assertThat(r.get("classes").asInt()).isEqualTo(10);
        assertThat(r.get("trainSamples").asInt()).isEqualTo(30);
        assertThat(r.get("testSamples").asInt()).isEqualTo(20);
        assertThat(r.get("device").asText()).isEqualTo("rram");
        assertThat(r.get("visionAccuracy").asDouble()).isBetween(0.0, 100.0);
        assertThat(r.get("neuralAccuracy").asDouble()).isBetween(0.0, 100.0);
    }

    @Test
    void givenADurationWithoutUnit_theDemoRefusesItNamingTheExpectedForms() {
        LiquidStreamCliTest.Run run = LiquidStreamCliTest.run("demo", "--duration", "ten");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("expected a duration, a number and a unit: us, ms, s, m, h");
    }
}

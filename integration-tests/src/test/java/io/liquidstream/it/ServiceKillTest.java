package io.liquidstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as a separate JVM killed with SIGKILL while samples flow, then started again in the same
 * consumer group: nothing is lost; duplicates appear only in at-least-once mode and are counted.
 */
class ServiceKillTest {

    private static final int SAMPLES = 240;

    @RegisterExtension
    static final EmbeddedBrokerExtension kafka = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void givenAtLeastOnce_killedAndRestartedService_answersEverySampleAtLeastOnce() {
        Delivery d = killMidStream(false);

        assertThat(d.missing()).as("samples lost across the kill; %s", d).isEmpty();
        assertThat(d.unexpected()).isEmpty();
    }

    @Test
    void givenExactlyOnce_killedAndRestartedService_answersEverySampleExactlyOnce() {
        Delivery d = killMidStream(true);

        EndToEndDeliveryTest.assertExactlyOnce(d);
    }

    private Delivery killMidStream(boolean exactlyOnce) {
        String mode = exactlyOnce ? "exactly-once" : "at-least-once";
        ServiceTopics topics = ServiceTopics.fresh("kill-" + (exactlyOnce ? "eos" : "alo"));
        Path model = TestModel.write(TestModel.bundle(), dir);
        var props = topics.serviceProperties(kafka.bootstrapServers(), exactlyOnce);
        try (ServiceProcess first = ServiceProcess.start(props, model, dir, "first").awaitServing();
             Traffic traffic = new Traffic(kafka.bootstrapServers(), topics, 3)) {
            PacedTraffic paced = new PacedTraffic(traffic, SAMPLES, 10, Duration.ofMillis(100));
            Await.until("a third of the samples to be sent", Duration.ofSeconds(60), () -> paced.sent() >= SAMPLES / 3);
            first.kill();
            int sentAtKill = paced.sent();
            try (ServiceProcess second = ServiceProcess.start(props, model, dir, "second").awaitServing()) {
                List<String> ids = paced.join();
                Delivery d = Delivery.of(ids, Outputs.associationIds(kafka.bootstrapServers(), topics.associations(),
                        ids));
                Report.line("SIGKILL " + mode, "killed after " + sentAtKill + " samples sent; associations " + d
                        + "; restarted service alive " + second.isAlive());
                assertThat(second.isAlive()).as("restarted service still running; console: %s", second.console())
                        .isTrue();
                return d;
            }
        }
    }
}

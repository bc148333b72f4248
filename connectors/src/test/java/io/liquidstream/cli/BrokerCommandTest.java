package io.liquidstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BrokerCommandTest {

    @TempDir
    Path logDir;

    /** Runs the command on a thread until its bootstrap address is printed; returns that address. */
    private static String startBroker(BrokerCommand command, StringWriter out, Thread[] runner, String... args)
            throws InterruptedException {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        runner[0] = new Thread(() -> cli.execute(args), "broker-command-test");
        runner[0].start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (out.toString().isBlank() && runner[0].isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return out.toString().trim();
    }

    private static Set<String> topics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void givenALogDir_topicsCreatedAtStartSurviveARestartOfTheBroker() throws Exception {
        Thread[] runner = new Thread[1];
        BrokerCommand first = new BrokerCommand();
        String bootstrap = startBroker(first, new StringWriter(), runner, "--port", "0", "--log-dir",
                logDir.toString(), "--topics", "lsm.events.vision,lsm.anchors");
        assertThat(bootstrap).startsWith("127.0.0.1:");
        assertThat(topics(bootstrap)).contains("lsm.events.vision", "lsm.anchors");
        first.stop.countDown();
        runner[0].join(60_000);
        assertThat(runner[0].isAlive()).isFalse();

        BrokerCommand second = new BrokerCommand();
        String again = startBroker(second, new StringWriter(), runner, "--port", "0", "--log-dir", logDir.toString());
        try {
            assertThat(topics(again)).contains("lsm.events.vision", "lsm.anchors");
        } finally {
            second.stop.countDown();
            runner[0].join(60_000);
        }
    }
}

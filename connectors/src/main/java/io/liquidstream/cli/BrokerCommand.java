package io.liquidstream.cli;

import io.liquidstream.connectors.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code liquidstream broker}: a single-node KRaft Kafka broker from the project's own jars, for
 * development; runs until interrupted, then shuts down cleanly.
 */
@Command(name = "broker", header = "A local single-node KRaft Kafka broker for development.", mixinStandardHelpOptions = true,
        description = {
            "Runs a local single-node Kafka broker (KRaft, broker and controller in one process) on "
                + "127.0.0.1 for development, prints its bootstrap address and runs until Ctrl-C. With "
                + "--log-dir the data survives restarts; without, it lives in a temporary folder deleted on "
                + "exit."
        })
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "Client port (0: any free). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--controller-port", defaultValue = "0",
            description = "KRaft controller port (0: any free). Default: ${DEFAULT-VALUE}.")
    int controllerPort;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Keep the broker's data here (default: temporary).")
    Path logDir;

    @Option(names = "--partitions", defaultValue = "3",
            description = "Partitions of created topics. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--topics", split = ",", paramLabel = "TOPIC", description = "Topics to create at start.")
    List<String> topics = List.of();

    @Spec
    CommandSpec spec;

    /** Counted down when the broker should stop; the shutdown hook does it on Ctrl-C, tests directly. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                new EmbeddedKafkaBroker.Settings(port, controllerPort, logDir, partitions));
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                // Keep the JVM alive until the broker has flushed and closed its log.
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "liquidstream-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (String topic : topics) {
                broker.createTopic(topic.trim(), partitions);
            }
            var out = spec.commandLine().getOut();
            out.println(broker.bootstrapServers());
            out.flush();
            System.err.println("liquidstream: Kafka broker on " + broker.bootstrapServers() + ", log in "
                    + broker.logDir() + (topics.isEmpty() ? "" : ", topics " + topics) + "; Ctrl-C stops it");
            stop.await();
            return 0;
        } finally {
            broker.close();
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it waits for `closed`, released above.
            }
        }
    }
}

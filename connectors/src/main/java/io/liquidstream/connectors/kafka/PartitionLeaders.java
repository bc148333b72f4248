package io.liquidstream.connectors.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Waits until every partition of some topics has a leader. A new topic is known to the controller before
 * a broker leads its partitions (and a restarted broker accepts connections before it leads again);
 * clients meeting "not leader" retry, which can end an idempotent producer's batches out of sequence.
 */
public final class PartitionLeaders {

    private PartitionLeaders() {
    }

    /** The topics to wait for, asked again at each poll. */
    @FunctionalInterface
    public interface Topics {
        Collection<String> get() throws InterruptedException, ExecutionException;
    }

    /**
     * Polls every 50 ms until each partition of the topics {@code topics} names has a leader; a topic the
     * broker does not know yet counts as not led.
     *
     * @param topics asked again at each poll (e.g. all topics, which may grow)
     * @throws TimeoutException when some partition still has no leader after {@code timeout}
     * @throws ExecutionException when the Admin call fails otherwise
     */
    public static void await(Admin admin, Topics topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!led(admin, topics.get(), timeout)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topics.get() + " still have no leader after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static boolean led(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).values()
                    .stream().flatMap(t -> t.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }
}

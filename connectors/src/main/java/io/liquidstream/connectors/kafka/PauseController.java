package io.liquidstream.connectors.kafka;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Pauses all assigned partitions while the receiver must not fetch (records are buffered or
 * downstream has no demand) and resumes them when it may. Polling continues while paused, so the
 * consumer keeps its group membership; it just gets no records.
 *
 * <p>Only the poll thread calls the mutators; {@link #paused()} may be read from any thread.
 */
final class PauseController {

    private final Consumer<?, ?> consumer;
    private volatile Set<TopicPartition> paused = Set.of();

    PauseController(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    /** Brings the pause state of every assigned partition in line with whether records are wanted. */
    void apply(boolean wantRecords) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (wantRecords) {
            if (!paused.isEmpty()) {
                consumer.resume(intersection(paused, assigned));
                paused = Set.of();
            }
        } else if (!paused.equals(assigned)) {
            consumer.pause(assigned);
            paused = Set.copyOf(assigned);
        }
    }

    /** Newly assigned partitions start paused if records are not wanted right now. */
    void assigned(Collection<TopicPartition> partitions, boolean wantRecords) {
        if (!wantRecords && !partitions.isEmpty()) {
            consumer.pause(partitions);
            Set<TopicPartition> next = new HashSet<>(paused);
            next.addAll(partitions);
            paused = Set.copyOf(next);
        }
    }

    void revoked(Collection<TopicPartition> partitions) {
        Set<TopicPartition> next = new HashSet<>(paused);
        next.removeAll(partitions);
        paused = Set.copyOf(next);
    }

    /** Whether no assigned partition can currently deliver records. */
    boolean allPaused() {
        return paused.containsAll(consumer.assignment());
    }

    Set<TopicPartition> paused() {
        return paused;
    }

    private static Set<TopicPartition> intersection(Set<TopicPartition> a, Set<TopicPartition> b) {
        Set<TopicPartition> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }
}

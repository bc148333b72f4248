package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.PartitionLeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the service's missing topics: the anchors and sensors topics compacted, the others with default retention. */
public final class TopicSetup {

    private TopicSetup() {
    }

    /**
     * Creates those of {@code topics} that do not exist yet and returns once every partition of them has a
     * leader; {@code compacted} (may be null) gets {@code cleanup.policy=compact}.
     *
     * @throws IllegalStateException if the brokers refuse or do not answer within 30 s
     */
    public static void ensure(Map<String, Object> clientProps, Collection<String> topics, String compacted, int partitions,
                       short replication) {
        ensureTopics(clientProps, topics, compacted == null ? Set.of() : Set.of(compacted), partitions, replication);
    }

    /** As {@link #ensure(Map, Collection, String, int, short)}, with every topic of {@code compacted} compacted. */
    public static void ensureTopics(Map<String, Object> clientProps, Collection<String> topics, Set<String> compacted,
                       int partitions, short replication) {
        try (Admin admin = Admin.create(clientProps)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    NewTopic t = new NewTopic(topic, partitions, replication);
                    if (compacted.contains(topic)) {
                        t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                List<String> created = missing.stream().map(NewTopic::name).toList();
                PartitionLeaders.await(admin, () -> created, Duration.ofSeconds(30));
            }
        } catch (ExecutionException e) {
            Optional<IllegalStateException> denied = AccessFailures.explain(e.getCause(), clientProps,
                    "while creating topics " + topics + " (or create them beforehand and set topics.create=false)");
            if (denied.isPresent()) {
                throw denied.get();
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + topics + " on "
                        + clientProps.get("bootstrap.servers") + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("brokers " + clientProps.get("bootstrap.servers")
                    + " did not answer within 30 s while creating topics " + topics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + topics, e);
        }
    }
}

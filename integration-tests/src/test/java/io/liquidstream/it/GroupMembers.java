package io.liquidstream.it;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/** Which member of a consumer group holds which partitions, as the group coordinator describes it. */
final class GroupMembers implements AutoCloseable {

    /** A group's state and each member's partitions, by member id. */
    record Snapshot(GroupState state, Map<String, Set<TopicPartition>> assignments) {

        boolean stableWith(int members) {
            return state == GroupState.STABLE && assignments.size() == members
                    && assignments.values().stream().noneMatch(Set::isEmpty);
        }

        int partitions() {
            return assignments.values().stream().mapToInt(Set::size).sum();
        }

        /** Partitions per member, e.g. {@code [4, 4, 4]}, in member-id order. */
        List<Integer> sizes() {
            return assignments.values().stream().map(Set::size).toList();
        }
    }

    private final Admin admin;

    GroupMembers(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    Snapshot of(String group) {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS)
                    .get(group);
            Map<String, Set<TopicPartition>> assignments = new TreeMap<>();
            d.members().forEach(m -> assignments.put(m.consumerId(), Set.copyOf(m.assignment().topicPartitions())));
            return new Snapshot(d.groupState(), assignments);
        } catch (Exception e) {
            throw new AssertionError("cannot describe consumer group " + group, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}

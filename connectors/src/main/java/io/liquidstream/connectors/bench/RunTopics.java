package io.liquidstream.connectors.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/** The topics of one benchmark run on an external cluster: all under one fresh prefix, deleted after. */
final class RunTopics {

    private RunTopics() {
    }

    /** Deletes every topic whose name starts with {@code prefix}; a failure is told to {@code progress}. */
    static void delete(Map<String, Object> client, String prefix, Consumer<String> progress) {
        try (Admin admin = Admin.create(client)) {
            List<String> mine = new ArrayList<>();
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                if (topic.startsWith(prefix)) {
                    mine.add(topic);
                }
            }
            admin.deleteTopics(mine).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            progress.accept("could not delete this run's topics " + prefix + "* : " + e);
        }
    }
}

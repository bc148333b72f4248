package io.liquidstream.connectors.view;

import io.liquidstream.connectors.kafka.PollingThreads;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.Embedding;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.codec.AnyEncodingDecoder;
import io.liquidstream.schemas.codec.RecordDecodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The view's one Kafka consumer: reads the events, embeddings, associations, anchors and dead-letter topics
 * (matched by pattern, so modalities appear as their topics do) into {@link ViewState}, on its own thread.
 *
 * <p>It is a reader beside the pipeline, never in it: its own throw-away group, no commits, starting at the
 * end of each topic (the anchors topic from its beginning, to know every class). It never holds a backlog
 * either: a partition more than {@link #MAX_BEHIND} records behind is skipped to its end and the skipped
 * records are counted, so a slow view shows the present rather than slowing down to replay the past.
 */
final class TopicTap implements Runnable, AutoCloseable {

    static final long MAX_BEHIND = 5_000;
    private static final String REASON_HEADER = "lsm.error.reason";

    private final KafkaConsumer<String, byte[]> consumer;
    private final ViewSettings settings;
    private final ViewState state;
    private final AnyEncodingDecoder<EventPacket> packets;
    private final AnyEncodingDecoder<Embedding> embeddings;
    private final AnyEncodingDecoder<Association> associations;
    private final AnyEncodingDecoder<ClassAnchor> anchors;
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    TopicTap(ViewSettings settings, ViewState state) {
        this.settings = settings;
        this.state = state;
        this.packets = settings.format().reader(EventPacket.class);
        this.embeddings = settings.format().reader(Embedding.class);
        this.associations = settings.format().reader(Association.class);
        this.anchors = settings.format().reader(ClassAnchor.class);
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "liquidstream-view-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this, "liquidstream-view-tap");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Records skipped because the view fell behind, since start. */
    long skipped() {
        return skipped.get();
    }

    long undecodable() {
        return undecodable.get();
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(pattern(settings), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    List<TopicPartition> anchorPartitions = partitions.stream()
                            .filter(tp -> tp.topic().equals(settings.anchorsTopic())).toList();
                    if (!anchorPartitions.isEmpty()) {
                        consumer.seekToBeginning(anchorPartitions);
                    }
                }
            });
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> r : records) {
                    dispatch(r, now);
                }
                skipAhead(records);
            }
        } catch (WakeupException e) {
            // close() ends the loop.
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> r, long now) {
        String topic = r.topic();
        try {
            if (topic.equals(settings.anchorsTopic())) {
                state.onAnchor(r.key(), r.value() == null ? null : anchors.decode(r.value()));
            } else if (r.value() == null) {
                return;
            } else if (topic.startsWith(settings.eventsTopicPrefix())) {
                state.onEvents(packets.decode(r.value()), topic, r.partition(), r.timestamp(), now);
            } else if (topic.startsWith(settings.embeddingsTopicPrefix())) {
                state.onEmbedding(embeddings.decode(r.value()), now);
            } else if (topic.equals(settings.associationsTopic())) {
                state.onAssociation(associations.decode(r.value()), now);
            } else if (topic.equals(settings.dlqTopic())) {
                Header reason = r.headers().lastHeader(REASON_HEADER);
                state.onDeadLetter(reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8));
            }
        } catch (RecordDecodingException | IllegalArgumentException e) {
            // Hostile or foreign bytes: the service dead-letters them; the view just does not draw them.
            undecodable.incrementAndGet();
        }
    }

    private void skipAhead(ConsumerRecords<String, byte[]> records) {
        List<TopicPartition> behind = new ArrayList<>();
        for (TopicPartition tp : records.partitions()) {
            if (tp.topic().equals(settings.anchorsTopic())) {
                continue;
            }
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isPresent() && lag.getAsLong() > MAX_BEHIND) {
                behind.add(tp);
                skipped.addAndGet(lag.getAsLong());
            }
        }
        if (!behind.isEmpty()) {
            consumer.seekToEnd(behind);
        }
    }

    static Pattern pattern(ViewSettings s) {
        return Pattern.compile("(" + Pattern.quote(s.eventsTopicPrefix()) + ".+|" + Pattern.quote(s.embeddingsTopicPrefix())
                + ".+|" + Pattern.quote(s.associationsTopic()) + "|" + Pattern.quote(s.anchorsTopic()) + "|"
                + Pattern.quote(s.dlqTopic()) + ")");
    }

    @Override
    public void close() {
        running = false;
        PollingThreads.stop(consumer, thread);
    }
}

package io.liquidstream.connectors.tail;

import io.liquidstream.connectors.kafka.KafkaLogLevels;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one topic's records into lines, as kcat does for plain topics: every partition assigned (no
 * consumer group, nothing committed), committed records only ({@code read_committed}, so aborted
 * exactly-once output never shows).
 *
 * <p>Without {@code follow} it reads from the beginning to the end offsets found at the start, then
 * returns. With {@code follow} it starts at the end (or the beginning, {@code fromBeginning}) and reads
 * until {@link #stop()} or {@code maxRecords}.
 */
public final class TopicTail implements AutoCloseable {

    /**
     * @param clientProperties Kafka client settings, {@code bootstrap.servers} at least
     * @param maxRecords stop after this many records (Long.MAX_VALUE: no limit)
     * @param timeout how long the brokers may take to answer a metadata request
     */
    public record Options(Map<String, Object> clientProperties, String topic, boolean follow, boolean fromBeginning,
            long maxRecords, Duration timeout) {
    }

    /** What one run read. */
    public record Summary(long records, long undecodable, int partitions) {
    }

    private final Options options;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean stopped;

    public TopicTail(Options options) {
        this.options = options;
        KafkaLogLevels.quietenUnlessConfigured();
        Map<String, Object> props = new HashMap<>(options.clientProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) options.timeout().toMillis());
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "liquidstream-tail");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Reads records and hands each line to {@code out}.
     *
     * @throws IllegalStateException if the brokers do not answer within the timeout or the topic does not exist
     */
    public Summary run(RecordLines lines, Consumer<String> out) {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = null;
        if (options.follow() && !options.fromBeginning()) {
            consumer.seekToEnd(partitions);
        } else {
            consumer.seekToBeginning(partitions);
        }
        if (!options.follow()) {
            ends = consumer.endOffsets(partitions, options.timeout());
        }
        long records = 0;
        long undecodable = 0;
        try {
            while (!stopped && records < options.maxRecords() && (ends == null || !reached(ends))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    RecordLines.Line line = lines.line(record);
                    out.accept(line.text());
                    records++;
                    undecodable += line.decoded() ? 0 : 1;
                    if (records == options.maxRecords()) {
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() while waiting for records
        }
        return new Summary(records, undecodable, partitions.size());
    }

    private List<TopicPartition> partitions() {
        String brokers = String.valueOf(options.clientProperties().get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(options.topic(), options.timeout());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no Kafka broker answered at " + brokers + " within "
                    + options.timeout().toSeconds() + " s while looking up topic '" + options.topic() + "'", e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic '" + options.topic() + "' does not exist on " + brokers
                    + "; topics there: " + consumer.listTopics(options.timeout()).keySet().stream()
                    .filter(t -> !t.startsWith("__")).sorted().toList());
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Ends {@link #run} from another thread (e.g. on Ctrl-C). */
    public void stop() {
        stopped = true;
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

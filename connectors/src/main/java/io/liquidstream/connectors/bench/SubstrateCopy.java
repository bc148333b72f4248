package io.liquidstream.connectors.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The bare Kafka substrate the pipeline is measured against: a plain consumer copying the same
 * records, bytes untouched, to another topic with a plain producer (asynchronous sends, offsets
 * committed asynchronously after each poll), on one thread, with the client settings the service
 * uses. Its rate is what this broker and these clients give before any decoding or computing.
 */
public final class SubstrateCopy {

    /**
     * Records copied, seconds from the first record polled to the last one acknowledged, and the steady
     * rate: records acknowledged per second between the acknowledgements of 10 % and of 90 % of them.
     */
    public record Result(long records, double seconds, double recordsPerSecond) {
    }

    private SubstrateCopy() {
    }

    /**
     * Copies {@code expected} records of {@code from} (read from the beginning) to {@code to}.
     *
     * @param client connection properties (bootstrap servers, security)
     * @throws IllegalStateException if not every record was copied and acknowledged within {@code timeout}
     */
    public static Result run(Map<String, Object> client, String from, String to, long expected, Duration timeout) {
        Map<String, Object> consumerProps = new LinkedHashMap<>(client);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "liquidstream-bench-substrate-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Object> producerProps = new LinkedHashMap<>(client);
        producerProps.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        AtomicLong acknowledged = new AtomicLong();
        long tenth = Math.max(1, expected / 10);
        long ninth = Math.max(tenth + 1, expected * 9 / 10);
        AtomicLong tenthNanos = new AtomicLong();
        AtomicLong ninthNanos = new AtomicLong();
        AtomicReference<Exception> failed = new AtomicReference<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            consumer.subscribe(List.of(from));
            long polled = 0;
            long firstNanos = 0;
            while (acknowledged.get() < expected) {
                if (failed.get() != null) {
                    throw new IllegalStateException("the substrate copy could not write to " + to, failed.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("expected the substrate copy of " + expected + " records of " + from
                            + " within " + timeout + ", found " + acknowledged.get() + " acknowledged");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(polled < expected ? 100 : 5));
                if (!records.isEmpty() && firstNanos == 0) {
                    firstNanos = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    polled++;
                    producer.send(new ProducerRecord<>(to, r.key(), r.value()), (metadata, error) -> {
                        if (error != null) {
                            failed.compareAndSet(null, error);
                        } else {
                            long n = acknowledged.incrementAndGet();
                            if (n == tenth) {
                                tenthNanos.set(System.nanoTime());
                            } else if (n == ninth) {
                                ninthNanos.set(System.nanoTime());
                            }
                        }
                    });
                }
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
            }
            double seconds = (System.nanoTime() - firstNanos) / 1e9;
            double steady = (ninthNanos.get() - tenthNanos.get()) / 1e9;
            return new Result(expected, seconds, steady > 0 ? (ninth - tenth) / steady : expected / seconds);
        }
    }
}

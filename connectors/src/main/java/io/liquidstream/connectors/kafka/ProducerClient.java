package io.liquidstream.connectors.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The producer of a {@link KafkaSender} or {@link KafkaTransactionalSender}, with the thread its blocking
 * calls run on and its meters, opened and closed alike for both.
 */
final class ProducerClient<K, V> {

    static {
        KafkaLogLevels.quietenUnlessConfigured();
    }

    private final SenderOptions<K, V> options;
    final Producer<K, V> producer;
    final Scheduler scheduler;
    private final AutoCloseable clientMetrics;

    ProducerClient(SenderOptions<K, V> options, String threadName) {
        this.options = options;
        this.producer = new KafkaProducer<>(options.producerProperties(), options.keySerializer(),
                options.valueSerializer());
        this.scheduler = Schedulers.newSingle(threadName, true);
        this.clientMetrics = options.clientMetrics() == null ? null : options.clientMetrics().bind(producer);
    }

    /** Unbinds the meters, runs {@code drain} (work that must reach the broker first), then closes the producer. */
    void close(Runnable drain) {
        try {
            if (clientMetrics != null) {
                clientMetrics.close();
            }
        } catch (Exception e) {
            // Unbinding meters cannot lose data; closing the producer matters more.
        }
        try {
            drain.run();
            producer.close(options.closeTimeout());
        } finally {
            scheduler.dispose();
        }
    }
}

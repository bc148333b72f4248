package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.KafkaReceiver;
import io.liquidstream.connectors.kafka.ReceiverOptions;
import io.liquidstream.connectors.kafka.ReceiverRecord;
import io.liquidstream.connectors.kafka.SenderOptions;
import io.liquidstream.core.stream.Outcome;
import io.liquidstream.core.stream.PipelineMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * How the service's outputs reach Kafka and its inputs are committed: {@link AtLeastOnceDelivery} or
 * {@link TransactionalOutput} (exactly-once), as {@link ServiceConfig#DELIVERY} says.
 */
interface Delivery extends AutoCloseable {

    /** The input consumer's settings this delivery needs, over {@code consumer}. */
    Map<String, Object> consumer(Map<String, Object> consumer);

    /** The input receiver's options this delivery needs (commit mode, rebalance listener), over {@code options}. */
    ReceiverOptions<String, byte[]> receiver(ReceiverOptions<String, byte[]> options);

    /**
     * Runs the receiver's records through {@code stages} and writes their outcomes; an error that stops
     * the delivery goes to {@code onError}.
     */
    Disposable run(KafkaReceiver<String, byte[]> receiver,
                   Function<Flux<ReceiverRecord<String, byte[]>>, Flux<Outcome<ReceiverRecord<String, byte[]>>>> stages,
                   Consumer<Throwable> onError);

    /** The delivery {@code config} asks for, writing with {@code sender}. */
    static Delivery of(ServiceConfig config, SenderOptions<String, byte[]> sender, OutputRecords outputs,
                       PipelineMetrics metrics) {
        if (!config.exactlyOnce()) {
            return new AtLeastOnceDelivery(sender, outputs, metrics);
        }
        return new TransactionalOutput(sender.withTransactionalId(config.getString(ServiceConfig.GROUP_ID) + "-"
                + UUID.randomUUID()), outputs, metrics, config.getInt(ServiceConfig.TX_MAX_RECORDS),
                Duration.ofMillis(config.getLong(ServiceConfig.TX_MAX_MS)));
    }
}

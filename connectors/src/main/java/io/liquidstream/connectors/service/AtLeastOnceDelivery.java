package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.CommitMode;
import io.liquidstream.connectors.kafka.KafkaReceiver;
import io.liquidstream.connectors.kafka.KafkaSender;
import io.liquidstream.connectors.kafka.ReceiverOptions;
import io.liquidstream.connectors.kafka.ReceiverRecord;
import io.liquidstream.connectors.kafka.SenderOptions;
import io.liquidstream.connectors.kafka.SenderResult;
import io.liquidstream.core.stream.Outcome;
import io.liquidstream.core.stream.PipelineMetrics;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The at-least-once output path: each outcome's records are sent as they come, and an input is
 * acknowledged to the receiver only when every record it contributed to has been acknowledged by the
 * broker ({@link Settlement}); the receiver commits only contiguous acknowledged offsets.
 */
final class AtLeastOnceDelivery implements Delivery {

    private final KafkaSender<String, byte[]> sender;
    private final OutputRecords outputs;
    private final PipelineMetrics metrics;

    AtLeastOnceDelivery(SenderOptions<String, byte[]> sender, OutputRecords outputs, PipelineMetrics metrics) {
        this.sender = KafkaSender.create(sender);
        this.outputs = outputs;
        this.metrics = metrics;
    }

    @Override
    public Map<String, Object> consumer(Map<String, Object> consumer) {
        return consumer;
    }

    @Override
    public ReceiverOptions<String, byte[]> receiver(ReceiverOptions<String, byte[]> options) {
        return options.withCommitMode(CommitMode.ACKNOWLEDGED);
    }

    @Override
    public Disposable run(KafkaReceiver<String, byte[]> receiver,
                          Function<Flux<ReceiverRecord<String, byte[]>>, Flux<Outcome<ReceiverRecord<String, byte[]>>>> stages,
                          Consumer<Throwable> onError) {
        return sender.send(stages.apply(receiver.receive()).concatMapIterable(outputs::of, 32))
                .subscribe(this::written, onError::accept);
    }

    private void written(SenderResult<Settlement> result) {
        if (result.isSuccess()) {
            result.correlation().written();
        } else {
            metrics.registry().counter("liquidstream.send.failed").increment();
        }
    }

    @Override
    public void close() {
        sender.close();
    }
}

package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.KafkaReceiver;
import io.liquidstream.connectors.kafka.KafkaSender;
import io.liquidstream.connectors.kafka.ReceiverRecord;
import io.liquidstream.connectors.kafka.SenderRecord;
import io.liquidstream.connectors.kafka.SenderResult;
import io.liquidstream.core.stream.AnchorRegistry;
import io.liquidstream.core.stream.InvalidPacketException;
import io.liquidstream.core.stream.PipelineMetrics;
import io.liquidstream.core.stream.RejectReason;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.codec.AnyEncodingDecoder;
import io.liquidstream.schemas.codec.RecordDecodingException;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Applies the compacted anchors topic to the association index while the service runs: a
 * {@link ClassAnchor} registers (or, under an existing id, replaces) an anchor; a tombstone (null
 * value) removes the anchor whose id is its key. An anchor that cannot be used (undecodable bytes,
 * a modality the service does not serve, events outside the sensor, an embedding of another model
 * version or dimension) goes to the dead-letter topic with the same reason headers as bad packets.
 *
 * <p>Records are handled one at a time in topic order and acknowledged once applied, or once their
 * dead letter has been acknowledged by the broker.
 */
final class AnchorFeed implements AutoCloseable {

    private final AnchorRegistry anchors;
    private final KafkaSender<String, byte[]> deadLetters;
    private final String dlqTopic;
    private final PipelineMetrics metrics;
    private final AnyEncodingDecoder<ClassAnchor> codec;
    private final Disposable subscription;

    AnchorFeed(KafkaReceiver<String, byte[]> receiver, AnyEncodingDecoder<ClassAnchor> codec, AnchorRegistry anchors,
               KafkaSender<String, byte[]> deadLetters, String dlqTopic, PipelineMetrics metrics,
               Consumer<Throwable> onError) {
        this.codec = codec;
        this.anchors = anchors;
        this.deadLetters = deadLetters;
        this.dlqTopic = dlqTopic;
        this.metrics = metrics;
        this.subscription = receiver.receive().concatMap(this::apply, 1).subscribe(unused -> { }, onError::accept);
    }

    private Mono<ReceiverRecord<String, byte[]>> apply(ReceiverRecord<String, byte[]> r) {
        String where = PacketDecoder.where(r);
        RejectReason reason;
        String detail;
        try {
            if (r.value() == null) {
                anchors.remove(r.key());
            } else {
                anchors.register(codec.decode(r.value()), where);
            }
            r.acknowledge();
            return Mono.just(r);
        } catch (RecordDecodingException e) {
            reason = RejectReason.UNDECODABLE;
            detail = "expected a ClassAnchor: " + e.getMessage() + " at " + where;
        } catch (InvalidPacketException e) {
            reason = e.reason();
            detail = e.getMessage();
        }
        metrics.deadLetter(reason);
        SenderRecord<String, byte[], ReceiverRecord<String, byte[]>> letter =
                new SenderRecord<>(OutputRecords.deadLetter(dlqTopic, r, reason, detail), r);
        return deadLetters.send(Mono.just(letter)).next().map(this::settle);
    }

    private ReceiverRecord<String, byte[]> settle(SenderResult<ReceiverRecord<String, byte[]>> result) {
        if (result.isSuccess()) {
            result.correlation().acknowledge();
        } else {
            // Left unacknowledged: the anchor is read again after a restart and dead-lettered then.
            metrics.registry().counter("liquidstream.send.failed").increment();
        }
        return result.correlation();
    }

    @Override
    public void close() {
        subscription.dispose();
        deadLetters.close();
    }
}

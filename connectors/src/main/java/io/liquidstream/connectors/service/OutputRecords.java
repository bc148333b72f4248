package io.liquidstream.connectors.service;

import io.liquidstream.connectors.kafka.ReceiverRecord;
import io.liquidstream.connectors.kafka.SenderRecord;
import io.liquidstream.connectors.registry.WireFormat;
import io.liquidstream.core.stream.Associated;
import io.liquidstream.core.stream.Dropped;
import io.liquidstream.core.stream.Outcome;
import io.liquidstream.core.stream.PipelineMetrics;
import io.liquidstream.core.stream.ReadOut;
import io.liquidstream.core.stream.RejectReason;
import io.liquidstream.core.stream.Rejected;
import io.liquidstream.core.stream.Window;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Decoded;
import io.liquidstream.schemas.Embedding;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The records an outcome publishes, each correlated with the {@link Settlement} of the inputs it
 * settles: a window's embedding (on its modality's embedding topic) and association, keyed by source,
 * and for a hop of a carried liquid with a regression read-out its {@link Decoded} values (on its
 * modality's decoded topic), published by whichever of the window's {@link ReadOut} (sent ahead) and
 * {@link Associated} comes first, all three records settling the window's inputs together;
 * a rejected input's original key and bytes on the DLQ with headers {@code lsm.error.reason},
 * {@code lsm.error.detail}, {@code lsm.source.topic}, {@code lsm.source.partition} and
 * {@code lsm.source.offset}. A dropped input publishes nothing and is settled at once.
 */
final class OutputRecords {

    static final String REASON = "lsm.error.reason";
    static final String DETAIL = "lsm.error.detail";
    static final String TOPIC = "lsm.source.topic";
    static final String PARTITION = "lsm.source.partition";
    static final String OFFSET = "lsm.source.offset";

    private final Map<String, Function<Embedding, byte[]>> embeddings = new HashMap<>();
    private final Map<String, Function<Decoded, byte[]>> decoded = new HashMap<>();
    private final Function<Association, byte[]> associations;
    private final String embeddingsPrefix;
    private final String decodedPrefix;
    private final String associationsTopic;
    private final String dlqTopic;
    private final PipelineMetrics metrics;
    private final LongSupplier clock;
    /** Windows whose read-out went ahead of their association and one of the two is still to come; null: none go ahead. */
    private final Map<Window<ReceiverRecord<String, byte[]>>, Settlement> readOutsAhead;

    /**
     * @param format     how records are written; in the Confluent format every output schema is registered here
     * @param modalities the modalities whose embeddings (and decoded read-outs) are written, each to
     *                   {@code embeddingsPrefix + modality} (and {@code decodedPrefix + modality})
     * @param readOutsAhead whether the pipeline publishes read-outs ahead ({@link ReadOut})
     */
    OutputRecords(WireFormat format, Collection<String> modalities, String embeddingsPrefix, String associationsTopic,
                  String decodedPrefix, String dlqTopic, PipelineMetrics metrics, LongSupplier clock,
                  boolean readOutsAhead) {
        for (String m : modalities) {
            embeddings.put(m, format.writer(Embedding.class, embeddingsPrefix + m));
            decoded.put(m, format.writer(Decoded.class, decodedPrefix + m));
        }
        this.associations = format.writer(Association.class, associationsTopic);
        this.embeddingsPrefix = embeddingsPrefix;
        this.decodedPrefix = decodedPrefix;
        this.associationsTopic = associationsTopic;
        this.dlqTopic = dlqTopic;
        this.metrics = metrics;
        this.clock = clock;
        this.readOutsAhead = readOutsAhead ? new IdentityHashMap<>() : null;
    }

    List<SenderRecord<String, byte[], Settlement>> of(Outcome<ReceiverRecord<String, byte[]>> outcome) {
        if (outcome instanceof ReadOut<ReceiverRecord<String, byte[]>> r) {
            Share share = share(r.window());
            return !share.first() ? List.of() : List.of(SenderRecord.of(decodedPrefix + r.window().modality(),
                    r.window().source(), decoded.get(r.window().modality()).apply(r.decoded()), share.settlement()));
        }
        if (outcome instanceof Associated<ReceiverRecord<String, byte[]>> a) {
            boolean decodes = a.decoded() != null;
            Share share = decodes && readOutsAhead != null ? share(a.window()) : null;
            Settlement s = share != null ? share.settlement() : new Settlement(a.window().acks(), decodes ? 3 : 2,
                    a.window().firstEventWallMicros(), true, metrics, clock);
            String key = a.window().source();
            SenderRecord<String, byte[], Settlement> embedding = SenderRecord.of(embeddingsPrefix + a.window().modality(),
                    key, embeddings.get(a.window().modality()).apply(a.embedding()), s);
            SenderRecord<String, byte[], Settlement> association = SenderRecord.of(associationsTopic, key,
                    associations.apply(a.association()), s);
            if (!decodes || share != null && !share.first()) {
                return List.of(embedding, association);
            }
            return List.of(embedding, association, SenderRecord.of(decodedPrefix + a.window().modality(), key,
                    decoded.get(a.window().modality()).apply(a.decoded()), s));
        }
        if (outcome instanceof Rejected<ReceiverRecord<String, byte[]>> r) {
            metrics.deadLetter(r.reason());
            return List.of(new SenderRecord<>(deadLetter(r), new Settlement(List.of(r.ack()), 1, 0, false, metrics,
                    clock)));
        }
        if (outcome instanceof Dropped<ReceiverRecord<String, byte[]>> d) {
            d.ack().acknowledge();
            return List.of();
        }
        throw new IllegalStateException("expected a terminal outcome (associated, rejected or dropped) after the "
                + "association stage, found " + outcome.getClass().getSimpleName());
    }

    /**
     * The settlement a window's {@link ReadOut} and its {@link Associated} share (both carry its Decoded record,
     * which the first of the two, in either order, publishes): created by the first, handed to the second.
     */
    private Share share(Window<ReceiverRecord<String, byte[]>> w) {
        synchronized (readOutsAhead) {
            Settlement s = readOutsAhead.remove(w);
            if (s != null) {
                return new Share(s, false);
            }
            s = new Settlement(w.acks(), 3, w.firstEventWallMicros(), true, metrics, clock);
            readOutsAhead.put(w, s);
            return new Share(s, true);
        }
    }

    private record Share(Settlement settlement, boolean first) {
    }

    private ProducerRecord<String, byte[]> deadLetter(Rejected<ReceiverRecord<String, byte[]>> r) {
        return deadLetter(dlqTopic, r.ack(), r.reason(), r.detail());
    }

    /** The input's original key, bytes and headers on the DLQ, with headers naming the error and its origin. */
    static ProducerRecord<String, byte[]> deadLetter(String dlqTopic, ReceiverRecord<String, byte[]> in,
                                                     RejectReason reason, String detail) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(reason.name()));
        headers.add(DETAIL, utf8(detail));
        headers.add(TOPIC, utf8(in.topicPartition().topic()));
        headers.add(PARTITION, utf8(Integer.toString(in.topicPartition().partition())));
        headers.add(OFFSET, utf8(Long.toString(in.receiverOffset().offset())));
        in.record().headers().forEach(headers::add);
        return new ProducerRecord<>(dlqTopic, null, in.key(), in.value(), headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

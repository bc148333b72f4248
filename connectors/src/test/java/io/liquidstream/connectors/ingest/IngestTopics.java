package io.liquidstream.connectors.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.kafka.EmbeddedBrokerExtension;
import io.liquidstream.connectors.replay.KafkaReplay;
import io.liquidstream.connectors.replay.ReplaySpeed;
import io.liquidstream.core.event.Events;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Running an ingest against the embedded broker and reading back what it sent. */
final class IngestTopics {

    private IngestTopics() {
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static KafkaReplay.Target target(EmbeddedBrokerExtension kafka, String topic) {
        return new KafkaReplay.Target(Map.of("bootstrap.servers", kafka.bootstrapServers()), topic, ReplaySpeed.MAX,
                true, 1, Duration.ofSeconds(10), 64);
    }

    /** Runs the ingest on a thread of its own until its packets end. */
    static CompletableFuture<KafkaIngest.Result> start(LivePackets packets, KafkaReplay.Target target) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return KafkaIngest.run(packets, target, null, r -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits (at most 30 s) until {@code condition} holds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Every packet on the (one-partition) topic, checking keys and that seq runs on from the first without a gap. */
    static List<EventPacket> readBack(EmbeddedBrokerExtension kafka, String topic, String source) {
        AvroSingleObjectCodec<EventPacket> codec = AvroSingleObjectCodec.of(EventPacket.class);
        List<EventPacket> out = new ArrayList<>();
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    EventPacket packet = codec.decode(r.value());
                    assertThat(r.key()).isEqualTo(source);
                    assertThat(packet.getSource().toString()).isEqualTo(source);
                    out.add(packet);
                }
            }
        }
        long first = out.isEmpty() ? 0 : out.get(0).getSeq();
        assertThat(out).extracting(EventPacket::getSeq)
                .containsExactlyElementsOf(LongStream.range(first, first + out.size()).boxed().toList());
        return out;
    }

    /** Every event of the packets in order, as {t, x, y, p}. */
    static List<List<Long>> events(List<EventPacket> packets) {
        List<List<Long>> out = new ArrayList<>();
        for (EventPacket p : packets) {
            int[] dt = EventPackets.toIntArray(p.getDt());
            int[] x = EventPackets.toIntArray(p.getX());
            int[] y = EventPackets.toIntArray(p.getY());
            int[] pol = EventPackets.toIntArray(p.getP());
            for (int i = 0; i < dt.length; i++) {
                out.add(List.of(p.getT0Micros() + dt[i], (long) x[i], (long) y[i], (long) pol[i]));
            }
        }
        return out;
    }

    static List<List<Long>> events(Events events) {
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.add(List.of(events.t(i), (long) events.x(i), (long) events.y(i), (long) events.p(i)));
        }
        return out;
    }

    /** Events {@code [from, to)} of {@code events}. */
    static List<List<Long>> slice(Events events, int from, int to) {
        return events(events).subList(from, to);
    }
}

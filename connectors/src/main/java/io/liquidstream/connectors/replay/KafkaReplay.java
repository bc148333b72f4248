package io.liquidstream.connectors.replay;

import io.liquidstream.connectors.kafka.KafkaSender;
import io.liquidstream.connectors.kafka.SenderOptions;
import io.liquidstream.connectors.kafka.SenderRecord;
import io.liquidstream.connectors.registry.WireFormat;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Writes a {@link PacketSource} to a Kafka topic as Avro {@link EventPacket}s keyed by source id, the form
 * {@code liquidstream serve} consumes: in single-object encoding, or in the Confluent wire format with the
 * schema registered under {@code <topic>-value} ({@link WireFormat}).
 *
 * <p>Before sending, the broker must answer within {@link Target#timeout()}: a missing topic is
 * created (or, if creation is off, reported), an unreachable broker fails at once with a message
 * naming the address instead of the producer retrying forever. Packets are read, paced and encoded
 * on one thread and sent through a {@link KafkaSender}, whose in-flight bound is the only limit on
 * an unpaced replay; the first failed send ends the replay with its error. The producer is
 * idempotent, so per-source order and {@code seq} survive retries.
 */
public final class KafkaReplay {

    /**
     * Where and how to replay.
     *
     * @param clientProperties Kafka client settings; must name {@code bootstrap.servers}
     * @param createTopic create the topic when it is missing (with {@code partitions} partitions and the
     *     broker's default replication), rather than failing
     * @param timeout how long the broker may take to answer before the replay fails
     * @param maxInFlight most packets sent but not yet acknowledged
     */
    public record Target(Map<String, Object> clientProperties, String topic, ReplaySpeed speed, boolean createTopic,
            int partitions, Duration timeout, int maxInFlight) {

        public Target {
            clientProperties = Map.copyOf(clientProperties);
            if (clientProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
                throw new IllegalArgumentException("Kafka client properties need bootstrap.servers, found only "
                        + clientProperties.keySet());
            }
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(speed, "speed");
            if (partitions < 1 || maxInFlight < 1) {
                throw new IllegalArgumentException("partitions and maxInFlight must be at least 1, found "
                        + partitions + " and " + maxInFlight);
            }
        }

        String bootstrap() {
            return clientProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG).toString();
        }
    }

    private record Sent(int events, int bytes, boolean endOfSample) {
    }

    private KafkaReplay() {
    }

    /**
     * Replays every packet of {@code source} to the target and returns what the broker acknowledged.
     *
     * @param progress called with the running totals after each acknowledged packet (on a sender thread)
     * @throws IllegalStateException if the broker does not answer in time, the topic is missing and may not
     *     be created, or a send fails
     * @throws IOException if the input is damaged (the packets before the damage have been sent)
     */
    public static ReplayResult run(PacketSource source, Target target, Consumer<ReplayResult> progress)
            throws IOException {
        return run(source, target, WireFormat.singleObject(), progress);
    }

    /**
     * Replays as {@link #run(PacketSource, Target, Consumer)} does, writing in {@code format}; in the
     * Confluent wire format the schema is registered before the first packet is read.
     *
     * @throws IllegalStateException also if the schema registry cannot be reached or refuses the schema
     */
    public static ReplayResult run(PacketSource source, Target target, WireFormat format,
                                   Consumer<ReplayResult> progress) throws IOException {
        ensureTopic(target);
        Function<EventPacket, byte[]> codec = format.writer(EventPacket.class, target.topic());
        Pacer pacer = new Pacer(target.speed());
        Scheduler reading = Schedulers.newSingle("liquidstream-replay", true);
        IOException[] damage = new IOException[1];
        long[] totals = new long[4];
        long started = System.nanoTime();
        Flux<SenderRecord<String, byte[], Sent>> records = Flux.<SenderRecord<String, byte[], Sent>>generate(sink -> {
            try {
                EventPacket packet = source.next();
                if (packet == null) {
                    sink.complete();
                    return;
                }
                int n = EventPackets.size(packet);
                pacer.await(packet.getT0Micros(), PacketCutter.lastMicros(packet));
                byte[] bytes = codec.apply(packet);
                sink.next(SenderRecord.of(target.topic(), packet.getSource().toString(), bytes,
                        new Sent(n, bytes.length, packet.getEndOfSample())));
            } catch (IOException e) {
                damage[0] = e;
                sink.complete();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sink.error(new IllegalStateException("replay interrupted", e));
            }
        }).subscribeOn(reading);
        try (KafkaSender<String, byte[]> sender = KafkaSender.create(senderOptions(target))) {
            sender.send(records).doOnNext(result -> {
                Sent sent = result.correlation();
                totals[0]++;
                totals[1] += sent.events();
                totals[2] += sent.endOfSample() ? 1 : 0;
                totals[3] += sent.bytes();
                progress.accept(result(totals, started));
            }).blockLast();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null && e.getClass() == RuntimeException.class ? e.getCause() : e;
            throw new IllegalStateException("sending to topic " + target.topic() + " on " + target.bootstrap()
                    + " failed after " + totals[0] + " acknowledged packets: " + cause.getMessage(), cause);
        } finally {
            reading.dispose();
        }
        if (damage[0] != null) {
            throw damage[0];
        }
        return result(totals, started);
    }

    private static ReplayResult result(long[] totals, long started) {
        return new ReplayResult(totals[0], totals[1], totals[2], totals[3], (System.nanoTime() - started) / 1e9);
    }

    private static SenderOptions<String, byte[]> senderOptions(Target target) {
        Map<String, Object> props = new HashMap<>(target.clientProperties());
        // Bound every blocking producer call, so a broker lost mid-replay ends it instead of hanging.
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, target.timeout().toMillis());
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return SenderOptions.create(props, new StringSerializer(), new ByteArraySerializer())
                .withMaxInFlight(target.maxInFlight())
                .withStopOnError(true);
    }

    /**
     * Makes sure the broker answers and the topic exists (see the class comment); {@link #run} does it too.
     *
     * @throws IllegalStateException if the broker does not answer in time, or the topic is missing and may
     *     not be created
     */
    public static void ensureTopic(Target target) {
        int ms = (int) Math.min(Integer.MAX_VALUE, target.timeout().toMillis());
        Map<String, Object> props = new HashMap<>(target.clientProperties());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        Admin admin = Admin.create(props);
        try {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().timeoutMs(ms)).names()
                    .get(ms + 5_000L, TimeUnit.MILLISECONDS);
            if (topics.contains(target.topic())) {
                return;
            }
            if (!target.createTopic()) {
                throw new IllegalStateException("topic " + target.topic() + " does not exist on " + target.bootstrap()
                        + "; create it first or allow the replay to create it");
            }
            admin.createTopics(List.of(new NewTopic(target.topic(), Optional.of(target.partitions()), Optional.empty())))
                    .all().get(ms + 5_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return;
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(target, e.getCause());
            }
            throw new IllegalStateException("cannot prepare topic " + target.topic() + " on " + target.bootstrap()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topic " + target.topic(), e);
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private static IllegalStateException unreachable(Target target, Throwable cause) {
        return new IllegalStateException("no Kafka broker answered at " + target.bootstrap() + " within "
                + target.timeout().toMillis() + " ms; is one running there (e.g. `liquidstream broker`)?", cause);
    }
}

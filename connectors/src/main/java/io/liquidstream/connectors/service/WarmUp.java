package io.liquidstream.connectors.service;

import io.liquidstream.core.association.AssociationIndex;
import io.liquidstream.core.association.ClassPrototypes;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.stream.Associated;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.core.stream.ModalityRuntime;
import io.liquidstream.core.stream.Outcome;
import io.liquidstream.core.stream.PacketReader;
import io.liquidstream.core.stream.PipelineMetrics;
import io.liquidstream.core.stream.PipelineSettings;
import io.liquidstream.core.stream.ReadOut;
import io.liquidstream.core.stream.SensorAnnouncements;
import io.liquidstream.core.stream.SlidingSpec;
import io.liquidstream.core.stream.StreamPipeline;
import io.liquidstream.schemas.Association;
import io.liquidstream.schemas.Decoded;
import io.liquidstream.schemas.Embedding;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import io.liquidstream.schemas.codec.AnyEncodingDecoder;
import io.liquidstream.schemas.codec.AvroSingleObjectCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;

/**
 * Runs the service's hot paths (packet decoding, windowing, the reservoir step, projection, association,
 * the decoder and the output records' encoding) on synthetic input before the service joins its
 * consumer group, so the JIT has compiled them before the first real packet: a fresh JVM otherwise
 * answers its first minute an order of magnitude slower (p99) than later.
 *
 * <p>Nothing is shared with the serving path but the models' immutable runtimes: each round runs a
 * throwaway {@link StreamPipeline} (its own liquids, rails and metrics) against a throwaway association
 * index of random prototypes, with its own sensor announcements; nothing is sent to Kafka.
 */
final class WarmUp {

    /** What a warm-up did: pipelines run (one, or none without a budget), packets, windows answered, time. */
    record Summary(int rounds, long packets, long windows, Duration took) {
    }

    private static final int EVENTS_PER_PACKET = 256;
    private static final int PACKETS_PER_SAMPLE = 4;
    private static final long SAMPLE_MICROS = 300_000;

    private final Map<String, ModalityRuntime> models;
    private final String modelVersion;
    private final PipelineSettings settings;
    private final boolean readOutsAhead;
    private final AnyEncodingDecoder<EventPacket> decoder;
    private final int maxEvents;
    private final LongSupplier clock;
    private final AvroSingleObjectCodec<EventPacket> packets = AvroSingleObjectCodec.of(EventPacket.class);
    private final AvroSingleObjectCodec<Embedding> embeddings = AvroSingleObjectCodec.of(Embedding.class);
    private final AvroSingleObjectCodec<Association> associations = AvroSingleObjectCodec.of(Association.class);
    private final AvroSingleObjectCodec<Decoded> decodeds = AvroSingleObjectCodec.of(Decoded.class);

    WarmUp(Map<String, ModalityRuntime> models, String modelVersion, PipelineSettings settings, boolean readOutsAhead,
           AnyEncodingDecoder<EventPacket> decoder, int maxEvents, LongSupplier clock) {
        this.models = models;
        this.modelVersion = modelVersion;
        this.settings = settings;
        this.readOutsAhead = readOutsAhead;
        this.decoder = decoder;
        this.maxEvents = maxEvents;
        this.clock = clock;
    }

    /**
     * Streams synthetic packets of every modality through one throwaway pipeline until {@code budget} is
     * spent (none when it is zero), then lets the pipeline finish what it holds.
     */
    Summary run(Duration budget) {
        long start = System.nanoTime();
        if (budget.isZero()) {
            return new Summary(0, 0, 0, Duration.ZERO);
        }
        long deadline = start + budget.toNanos();
        SplittableRandom random = new SplittableRandom(0);
        List<Synthetic> streams = new ArrayList<>();
        for (String modality : models.keySet()) {
            if (Modalities.of(modality) != Modality.UNKNOWN) {
                streams.add(new Synthetic(modality));
            }
        }
        if (streams.isEmpty()) {
            return new Summary(0, 0, 0, Duration.ZERO);
        }
        Map<String, SensorGeometry> sensors = new java.util.LinkedHashMap<>();
        models.forEach((name, m) -> sensors.put(name, m.input().expectedGeometry()));
        PacketReader reader = new PacketReader(sensors, maxEvents, new SensorAnnouncements());
        long[] packetCount = {0};
        // Packets are made, encoded and decoded as the pipeline asks for them, round robin over the modalities.
        Flux<Outcome<String>> input = Flux.generate(sink -> {
            if (System.nanoTime() >= deadline) {
                sink.complete();
                return;
            }
            Synthetic stream = streams.get((int) (packetCount[0]++ % streams.size()));
            EventPacket p = stream.next(random);
            sink.next(reader.read(decoder.decode(packets.encode(p)), clock.getAsLong(), "warm-up", "warm-up"));
        });
        long windows = round(input, random);
        return new Summary(1, packetCount[0], windows, Duration.ofNanos(System.nanoTime() - start));
    }

    /** One throwaway pipeline over the input; returns the windows answered. */
    private long round(Flux<Outcome<String>> input, SplittableRandom random) {
        int dimension = models.values().iterator().next().dimension();
        AssociationIndex index = new AssociationIndex(dimension, 1);
        ClassPrototypes prototypes = new ClassPrototypes(index, 4);
        for (String modality : models.keySet()) {
            for (int c = 0; c < 4; c++) {
                float[] v = new float[dimension];
                for (int i = 0; i < dimension; i++) {
                    v[i] = (float) random.nextGaussian();
                }
                prototypes.add("warm-up-" + modality + "-" + c, c, modality, v);
            }
        }
        StreamPipeline<String> pipeline = new StreamPipeline<>(models, modelVersion, index, settings,
                new PipelineMetrics(new SimpleMeterRegistry()), clock);
        if (readOutsAhead) {
            pipeline.readOutsAhead();
        }
        try {
            // Sliding sources' last hops stay open for lack of a later event: the pipeline ends with its input.
            Long windows = pipeline.apply(input).map(o -> {
                if (o instanceof Associated<String> a) {
                    embeddings.encode(a.embedding());
                    associations.encode(a.association());
                    if (a.decoded() != null) {
                        decodeds.encode(a.decoded());
                    }
                    return 1L;
                }
                if (o instanceof ReadOut<String> r) {
                    decodeds.encode(r.decoded());
                }
                return 0L;
            }).reduce(0L, Long::sum).block(Duration.ofMinutes(1));
            return windows == null ? 0 : windows;
        } finally {
            pipeline.dispose();
        }
    }

    /**
     * One modality's synthetic source: random events over its sensor; for a sliding modality a continuous
     * stream in packets of a hop, else samples of {@link #PACKETS_PER_SAMPLE} packets.
     */
    private final class Synthetic {
        private final Modality kind;
        private final SensorGeometry geometry;
        private final String source;
        private final SlidingSpec sliding;
        private long seq;

        Synthetic(String modality) {
            this.kind = Modalities.of(modality);
            this.geometry = models.get(modality).input().expectedGeometry();
            this.source = "liquidstream-warm-up/" + modality;
            this.sliding = settings.sliding().get(modality);
        }

        EventPacket next(SplittableRandom random) {
            long s = seq++;
            if (sliding != null) {
                return packet(source, kind, geometry, s, s * sliding.hopMicros(), sliding.hopMicros(), random);
            }
            long part = SAMPLE_MICROS / PACKETS_PER_SAMPLE;
            EventPacket p = packet(source, kind, geometry, s, s * part, part, random);
            p.setSampleId("warm-up-" + s / PACKETS_PER_SAMPLE);
            p.setEndOfSample(s % PACKETS_PER_SAMPLE == PACKETS_PER_SAMPLE - 1);
            return p;
        }
    }

    private static EventPacket packet(String source, Modality kind, SensorGeometry g, long seq, long t0, long span,
                                      SplittableRandom random) {
        int n = EVENTS_PER_PACKET;
        int[] dt = new int[n];
        for (int i = 0; i < n; i++) {
            dt[i] = (int) random.nextLong(Math.max(1, Math.min(span, Integer.MAX_VALUE)));
        }
        Arrays.sort(dt);
        int[] x = new int[n];
        int[] y = g.height() > 1 ? new int[n] : new int[0];
        int[] p = g.polarities() > 1 ? new int[n] : new int[0];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextInt(g.width());
            if (y.length > 0) {
                y[i] = random.nextInt(g.height());
            }
            if (p.length > 0) {
                p[i] = random.nextInt(g.polarities());
            }
        }
        return EventPackets.fromColumns(source, kind, seq, t0, dt, x, y, p);
    }
}

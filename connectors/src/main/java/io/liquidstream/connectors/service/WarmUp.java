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

    /** What a warm-up did. */
    record Summary(int rounds, long packets, long windows, Duration took) {
    }

    private static final int EVENTS_PER_PACKET = 256;
    private static final int SAMPLES = 8;
    private static final int PACKETS_PER_SAMPLE = 4;
    private static final long SAMPLE_MICROS = 300_000;
    /** At most this many rounds, however long the budget. */
    private static final int MAX_ROUNDS = 1000;

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

    /** Runs rounds until {@code budget} is spent (at least one round unless the budget is zero). */
    Summary run(Duration budget) {
        long start = System.nanoTime();
        long packetCount = 0;
        long windows = 0;
        int rounds = 0;
        while (!budget.isZero() && rounds < MAX_ROUNDS && (rounds == 0 || System.nanoTime() - start < budget.toNanos())) {
            List<Outcome<String>> inputs = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(rounds);
            for (String modality : models.keySet()) {
                inputs.addAll(decode(synthetic(modality, random), models));
            }
            packetCount += inputs.size();
            windows += round(inputs, random);
            rounds++;
        }
        return new Summary(rounds, packetCount, windows, Duration.ofNanos(System.nanoTime() - start));
    }

    /** One throwaway pipeline over the inputs; returns the windows answered. */
    private long round(List<Outcome<String>> inputs, SplittableRandom random) {
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
            // Sliding sources' last hops stay open for lack of a later event: the round ends with its input.
            List<Outcome<String>> out = pipeline.apply(Flux.fromIterable(inputs)).collectList()
                    .block(Duration.ofMinutes(1));
            long windows = 0;
            for (Outcome<String> o : out == null ? List.<Outcome<String>>of() : out) {
                if (o instanceof Associated<String> a) {
                    embeddings.encode(a.embedding());
                    associations.encode(a.association());
                    if (a.decoded() != null) {
                        decodeds.encode(a.decoded());
                    }
                    windows++;
                } else if (o instanceof ReadOut<String> r) {
                    decodeds.encode(r.decoded());
                }
            }
            return windows;
        } finally {
            pipeline.dispose();
        }
    }

    /** The packets as the service reads them: encoded, decoded and validated. */
    private List<Outcome<String>> decode(List<EventPacket> synthetic, Map<String, ModalityRuntime> models) {
        Map<String, SensorGeometry> sensors = new java.util.LinkedHashMap<>();
        models.forEach((name, m) -> sensors.put(name, m.input().expectedGeometry()));
        PacketReader reader = new PacketReader(sensors, maxEvents, new SensorAnnouncements());
        List<Outcome<String>> out = new ArrayList<>();
        for (EventPacket p : synthetic) {
            out.add(reader.read(decoder.decode(packets.encode(p)), clock.getAsLong(), "warm-up", "warm-up"));
        }
        return out;
    }

    /**
     * Random events over the modality's sensor: for a sliding modality a continuous stream two windows
     * long in packets of a hop; else {@link #SAMPLES} samples of {@link #PACKETS_PER_SAMPLE} packets.
     */
    private List<EventPacket> synthetic(String modality, SplittableRandom random) {
        Modality kind = Modalities.of(modality);
        List<EventPacket> out = new ArrayList<>();
        if (kind == Modality.UNKNOWN) {
            return out;
        }
        SensorGeometry g = models.get(modality).input().expectedGeometry();
        String source = "liquidstream-warm-up/" + modality;
        SlidingSpec sliding = settings.sliding().get(modality);
        if (sliding != null) {
            long hop = sliding.hopMicros();
            long span = Math.max(2 * sliding.windowMicros(), (sliding.warmupBins() + 4L * sliding.hopBins())
                    * sliding.binMicros());
            for (long seq = 0; seq * hop < span; seq++) {
                out.add(packet(source, kind, g, seq, seq * hop, hop, random));
            }
            return out;
        }
        long seq = 0;
        long part = SAMPLE_MICROS / PACKETS_PER_SAMPLE;
        for (int s = 0; s < SAMPLES; s++) {
            for (int k = 0; k < PACKETS_PER_SAMPLE; k++) {
                EventPacket p = packet(source, kind, g, seq, seq * part, part, random);
                p.setSampleId("warm-up-" + s);
                p.setEndOfSample(k == PACKETS_PER_SAMPLE - 1);
                out.add(p);
                seq++;
            }
        }
        return out;
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

package io.liquidstream.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.binning.FixedBinning;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.binning.SpikeWindow;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.projection.Activation;
import io.liquidstream.core.projection.FrozenHead;
import io.liquidstream.core.readout.AffineMap;
import io.liquidstream.core.readout.LinearReadout;
import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import io.liquidstream.core.reservoir.SpikeRaster;
import io.liquidstream.core.transform.EventTransform;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Continuous streams read out from a liquid carried per source ({@link SlidingSpec.Liquid#CARRIED}). */
class ContinuousLiquidTest {

    private static final int CHANNELS = 32;
    private static final long BIN = 1000;
    private static final int WINDOW = 20;
    private static final int HOP = 5;
    private static final int SEGMENTS = 2;
    private static final int BINS = 300;
    /** The stream falls silent over these bins. */
    private static final int SILENT_FROM = 120;
    private static final int SILENT_TO = 163;

    private final PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
    private final ReservoirSpec spec = ReservoirPreset.VISION_CLIP.spec(5).withInputs(CHANNELS).withNeurons(80);
    private final LifReservoir reservoir = new LifReservoir(spec, new IdealGaussianWeights());
    private final LinearReadout decoder = decoder(spec.neurons());
    private final ModalityRuntime neural = new ModalityRuntime("neural",
            new InputSpec("neural-32", EventTransform.identity(), new FixedBinning(WINDOW), SensorGeometry.channels(CHANNELS)),
            reservoir, FrozenHead.fromWeights(new int[] {spec.neurons() * SEGMENTS, 8}, Activation.GELU,
                    List.of(new float[spec.neurons() * SEGMENTS * 8], new float[8]), true), SEGMENTS, decoder);
    /** Dense input per bin: channel c active in bin b. */
    private final boolean[][] stream = stream();

    @Test
    void givenACarriedLiquid_everyHopIsReadOutFromTheStateOfOneRunOverTheStreamFromItsStart() {
        WindowingStage<String> stage = stage(0, ack -> false);

        List<Encoded<String>> hops = encoded(feed(stage, packets(0, "")));

        assertThat(hops).hasSizeGreaterThan(40);
        for (Encoded<String> hop : hops) {
            int end = (int) (hop.window().endMicros() / BIN);
            SpikeRaster reference = reservoir.raster(SpikeWindow.fromDense(Arrays.copyOfRange(stream, 0, end)));
            assertThat(hop.features()).as("features of the hop ending at bin %d", end)
                    .containsExactly(rates(reference, end, WINDOW, SEGMENTS));
            assertThat(hop.decoding().values()).as("decoded values of the hop ending at bin %d", end)
                    .containsExactly(decoder.apply(rates(reference, end, decoder.bins(), 1)));
            assertThat(hop.decoding().hopStartMicros()).isEqualTo((end - HOP) * BIN);
            assertThat(hop.window().startMicros()).isEqualTo((end - WINDOW) * BIN);
        }
        // Hops after the silence are read out from a liquid that stepped through it.
        assertThat(hops).anySatisfy(h -> assertThat(h.window().endMicros()).isGreaterThan(SILENT_TO * BIN));
        assertThat(hops).noneSatisfy(h -> assertThat(h.window().endMicros())
                .isBetween((SILENT_FROM + HOP + 1) * BIN, SILENT_TO * BIN));
    }

    @Test
    void givenPacketsWithWatermarks_eachHopIsReadOutByThePacketThatCompletesIt_withTheSameValues() {
        List<Encoded<String>> byEvents = encoded(feed(stage(0, ack -> false), packets(0, "")));
        WindowingStage<String> stage = stage(0, ack -> false);
        List<Encoded<String>> byWatermarks = new ArrayList<>();

        for (Packet<String> p : packets(0, "")) {
            // The packet covers its 8 bins: the source promises nothing earlier than their end comes later.
            long coveredUntil = (p.seq() * 8 + 8) * BIN;
            Packet<String> marked = new Packet<>(p.source(), p.modality(), p.seq(), p.events(), null, null, false,
                    coveredUntil, 0, p.ack());
            List<Encoded<String>> now = encoded(stage.accept(marked));
            assertThat(now).as("hops read out on packet %d", p.seq())
                    .allSatisfy(h -> assertThat(h.window().endMicros()).isLessThanOrEqualTo(coveredUntil)
                            .isGreaterThan(coveredUntil - 8 * BIN));
            byWatermarks.addAll(now);
        }

        // Without watermarks each hop waited for the next packet's events; the last hop had no next packet.
        assertThat(byWatermarks).hasSize(byEvents.size() + 1);
        for (int i = 0; i < byEvents.size(); i++) {
            assertThat(byWatermarks.get(i).window().endMicros()).isEqualTo(byEvents.get(i).window().endMicros());
            assertThat(byWatermarks.get(i).features()).isEqualTo(byEvents.get(i).features());
            assertThat(byWatermarks.get(i).decoding().values()).isEqualTo(byEvents.get(i).decoding().values());
        }
    }

    @Test
    void givenAWatermark_aLaterPacketWithEventsBeforeItsBinIsRejectedAsGoingBackInTime() {
        WindowingStage<String> stage = stage(0, ack -> false);
        List<Packet<String>> packets = packets(0, "");
        Packet<String> first = packets.get(0);
        stage.accept(new Packet<>(first.source(), first.modality(), 0, first.events(), null, null, false, 40 * BIN, 0,
                first.ack()));

        List<Outcome<String>> out = stage.accept(packets.get(1));

        assertThat(out).singleElement().isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.TIME_BACKWARDS));
    }

    @Test
    void givenAFreshSource_itsHopsSettleTheirPacketsWithoutOutputUntilTheWarmUpIsStepped() {
        WindowingStage<String> stage = stage(40, ack -> false);

        List<Outcome<String>> out = feed(stage, packets(0, ""));

        List<Encoded<String>> hops = encoded(out);
        assertThat(hops.get(0).window().endMicros()).isEqualTo(40 * BIN);
        List<String> warmingUp = new ArrayList<>();
        for (Outcome<String> o : out) {
            if (o instanceof Dropped<String> d && d.why().contains("warming up")) {
                warmingUp.add(d.ack());
            }
            if (o instanceof Encoded<String>) {
                break;
            }
        }
        assertThat(warmingUp).containsExactly("#0", "#1", "#2", "#3");
        // In order, all but the packets of the hop still open at the stream's end.
        List<String> all = allAcks("");
        assertThat(settled(out)).containsExactlyElementsOf(all.subList(0, all.size() - 2));
    }

    @Test
    void givenASourcesInputsRevoked_itsLiquidRestartsFromRestWhereTheReplayStartsAndWarmsUpAgain() {
        AtomicBoolean handedOver = new AtomicBoolean();
        WindowingStage<String> stage = stage(20, ack -> handedOver.get() && ack.startsWith("old "));
        List<Packet<String>> before = packets(0, "old ");
        feed(stage, before.subList(0, 20));
        handedOver.set(true);

        // The new owner of the partition replays from the last committed offset, here packet 12.
        List<Packet<String>> replay = packets(0, "").subList(12, before.size());
        List<Encoded<String>> hops = encoded(feed(stage, replay));

        int restart = 12 * 8;
        assertThat(hops.get(0).window().endMicros()).isEqualTo((restart + 20) * BIN);
        for (Encoded<String> hop : hops.subList(0, 10)) {
            int end = (int) (hop.window().endMicros() / BIN);
            SpikeRaster fromRestart = reservoir.raster(SpikeWindow.fromDense(Arrays.copyOfRange(stream, restart, end)));
            assertThat(hop.features()).containsExactly(rates(fromRestart, end - restart, WINDOW, SEGMENTS));
        }
    }

    @Test
    void givenACarriedLiquidGoneIdle_itsLastHopIsReadOutAndEveryPacketSettled() {
        AtomicLong now = new AtomicLong();
        WindowingStage<String> stage = new WindowingStage<>(Map.of("neural", neural), settings(0)
                .withSourceIdleTimeout(Duration.ofSeconds(1)), metrics, now::get);
        List<Packet<String>> packets = packets(0, "").subList(0, 5);
        List<Outcome<String>> out = new ArrayList<>(feed(stage, packets));

        now.set(2_000_000);
        out.addAll(stage.expire(now.get()));

        assertThat(settled(out)).containsExactly("#0", "#1", "#2", "#3", "#4");
        assertThat(encoded(out).get(encoded(out).size() - 1).window().endMicros()).isEqualTo(40 * BIN);
    }

    @Test
    void givenReadOutsAhead_everyDecodedHopLeavesBeforeItsProjectionBatchIsDueWithTheValuesItsAssociationCarries() {
        // A projection batch that waits ten minutes: the read-outs must not wait for it.
        PipelineSettings settings = settings(0).withBatch(10_000, Duration.ofMinutes(10));
        StreamPipeline<String> pipeline = new StreamPipeline<String>(Map.of("neural", neural), "v1",
                new io.liquidstream.core.association.AssociationIndex(8, 1), settings, metrics, () -> 7L).readOutsAhead();
        try {
            List<Packet<String>> packets = packets(0, "");
            int hops = encoded(feed(stage(0, ack -> false), packets(0, ""))).size();
            List<Outcome<String>> ahead = pipeline.apply(reactor.core.publisher.Flux.<Outcome<String>>fromIterable(packets)
                            .concatWith(reactor.core.publisher.Flux.never()))
                    .take(hops).collectList().block(Duration.ofSeconds(30));

            assertThat(ahead).hasSize(hops).allSatisfy(o -> assertThat(o).isInstanceOf(ReadOut.class));
            List<Encoded<String>> expected = encoded(feed(stage(0, ack -> false), packets(0, "")));
            for (int i = 0; i < hops; i++) {
                ReadOut<String> r = (ReadOut<String>) ahead.get(i);
                assertThat(r.decoded().getWindowEndMicros()).isEqualTo(expected.get(i).window().endMicros());
                assertThat(r.decoded().getValues()).containsExactly(boxed(expected.get(i).decoding().values()));
            }
        } finally {
            pipeline.dispose();
        }
    }

    private static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private WindowingStage<String> stage(int warmup, java.util.function.Predicate<String> revoked) {
        return new WindowingStage<>(Map.of("neural", neural), settings(warmup), metrics, () -> 7L, revoked);
    }

    private PipelineSettings settings(int warmup) {
        return PipelineSettings.defaults().withSliding(Map.of("neural", SlidingSpec.carried(BIN, WINDOW, HOP, warmup)));
    }

    /** The stream as packets of 8 bins each, their acks {@code <prefix>#<seq>}. */
    private List<Packet<String>> packets(long seq0, String prefix) {
        List<Packet<String>> out = new ArrayList<>();
        for (int p = 0; p * 8 < BINS; p++) {
            Events.Builder b = Events.builder(SensorGeometry.channels(CHANNELS));
            for (int bin = p * 8; bin < Math.min(BINS, p * 8 + 8); bin++) {
                for (int c = 0; c < CHANNELS; c++) {
                    if (stream[bin][c]) {
                        b.add(bin * BIN + 37L * c % BIN, c, 0, 0);
                    }
                }
            }
            out.add(new Packet<>("rig/neural", "neural", seq0 + p, sortedByTime(b.build()), null, null, false, 0,
                    prefix + "#" + p));
        }
        return out;
    }

    private List<String> allAcks(String prefix) {
        List<String> acks = new ArrayList<>();
        for (int p = 0; p * 8 < BINS; p++) {
            acks.add(prefix + "#" + p);
        }
        return acks;
    }

    private static Events sortedByTime(Events e) {
        Integer[] order = new Integer[e.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, c) -> Long.compare(e.t(a), e.t(c)));
        Events.Builder b = Events.builder(e.geometry(), e.size());
        for (int i : order) {
            b.add(e.t(i), e.x(i), 0, 0);
        }
        return b.build();
    }

    /** Spikes per neuron over the latest {@code window} bins before {@code end}, in segments, as rates. */
    private float[] rates(SpikeRaster raster, int end, int window, int segments) {
        int n = spec.neurons();
        float[] out = new float[segments * n];
        for (int k = 0; k < raster.spikes(); k++) {
            int b = raster.bin(k) - (end - window);
            if (b >= 0) {
                int seg = (int) (((long) (b + 1) * segments - 1) / window);
                out[seg * n + raster.neuron(k)]++;
            }
        }
        for (int seg = 0; seg < segments; seg++) {
            float width = (int) ((long) (seg + 1) * window / segments) - (int) ((long) seg * window / segments);
            for (int j = 0; j < n; j++) {
                out[seg * n + j] = out[seg * n + j] / width;
            }
        }
        return out;
    }

    private static List<Outcome<String>> feed(WindowingStage<String> stage, List<Packet<String>> packets) {
        List<Outcome<String>> out = new ArrayList<>();
        packets.forEach(p -> out.addAll(stage.accept(p)));
        return out;
    }

    private static List<Encoded<String>> encoded(List<Outcome<String>> out) {
        List<Encoded<String>> hops = new ArrayList<>();
        out.forEach(o -> {
            if (o instanceof Encoded<String> e) {
                hops.add(e);
            }
        });
        return hops;
    }

    private static List<String> settled(List<Outcome<String>> out) {
        List<String> acks = new ArrayList<>();
        for (Outcome<String> o : out) {
            if (o instanceof Encoded<String> e) {
                acks.addAll(e.window().acks());
            } else if (o instanceof Dropped<String> d) {
                acks.add(d.ack());
            }
        }
        return acks;
    }

    private static boolean[][] stream() {
        SplittableRandom r = new SplittableRandom(9);
        boolean[][] x = new boolean[BINS][CHANNELS];
        for (int b = 0; b < BINS; b++) {
            if (b < SILENT_FROM || b >= SILENT_TO) {
                for (int c = 0; c < CHANNELS; c++) {
                    x[b][c] = r.nextDouble() < 0.2;
                }
            }
        }
        x[0][0] = true;
        return x;
    }

    private static LinearReadout decoder(int neurons) {
        SplittableRandom r = new SplittableRandom(4);
        float[] w = new float[neurons * 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextDouble() - 0.5);
        }
        return new LinearReadout(List.of("vx", "vy"), 5, 1, BIN, new AffineMap(neurons, 2, w, new float[] {0.1f, -0.2f}));
    }
}

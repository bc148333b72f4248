package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.connectors.bench.BenchModel;
import io.liquidstream.core.association.AssociationIndex;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.stream.Associated;
import io.liquidstream.core.stream.ModalityRuntime;
import io.liquidstream.core.stream.Outcome;
import io.liquidstream.core.stream.Packet;
import io.liquidstream.core.stream.PipelineMetrics;
import io.liquidstream.core.stream.PipelineSettings;
import io.liquidstream.core.stream.ReadOut;
import io.liquidstream.core.stream.SlidingSpec;
import io.liquidstream.core.stream.StreamPipeline;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.codec.AnyEncodingDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The service's warm-up runs the hot paths on synthetic input and leaves nothing behind. */
class WarmUpTest {

    private static final int CHANNELS = 16;
    private static final long BIN = 10_000;
    private static final PipelineSettings SETTINGS = PipelineSettings.defaults()
            .withSliding(Map.of("neural", SlidingSpec.carried(BIN, 20, 2, 10)));

    private final ModelBundle bundle = BenchModel.neural(CHANNELS, BIN, 20, 5, 3);

    @Test
    void givenAWarmUp_aStreamServedAfterItGetsExactlyTheOutputsItGetsWithout() {
        List<String> cold = serve(models());

        Map<String, ModalityRuntime> warmed = models();
        WarmUp.Summary summary = new WarmUp(warmed, bundle.version(), SETTINGS, true,
                AnyEncodingDecoder.singleObjectOnly(EventPacket.class), 1 << 20, () -> 5L).run(Duration.ofMillis(300));
        List<String> warm = serve(warmed);

        assertThat(summary.rounds()).isPositive();
        assertThat(summary.windows()).as("windows the warm-up answered").isPositive();
        assertThat(warm).isNotEmpty().isEqualTo(cold);
    }

    @Test
    void givenNoBudget_nothingRuns() {
        WarmUp.Summary summary = new WarmUp(models(), bundle.version(), SETTINGS, true,
                AnyEncodingDecoder.singleObjectOnly(EventPacket.class), 1 << 20, () -> 5L).run(Duration.ZERO);

        assertThat(summary.rounds()).isZero();
    }

    private Map<String, ModalityRuntime> models() {
        Map<String, ModalityRuntime> models = new LinkedHashMap<>();
        bundle.modalities().forEach(m -> models.put(m.name(), ModalityRuntime.of(m)));
        return models;
    }

    /** Each output of a fixed stream, rendered: read-outs' values, associations' matches and embeddings. */
    private List<String> serve(Map<String, ModalityRuntime> models) {
        StreamPipeline<String> pipeline = new StreamPipeline<String>(models, bundle.version(),
                new AssociationIndex(models.get("neural").dimension(), 1), SETTINGS,
                new PipelineMetrics(new SimpleMeterRegistry()), () -> 5L).readOutsAhead();
        try {
            List<Outcome<String>> out = pipeline.apply(reactor.core.publisher.Flux.fromIterable(stream()))
                    .collectList().block(Duration.ofSeconds(60));
            List<String> rendered = new ArrayList<>();
            for (Outcome<String> o : out) {
                if (o instanceof ReadOut<String> r) {
                    rendered.add("read-out " + r.decoded().getWindowEndMicros() + " " + r.decoded().getValues());
                } else if (o instanceof Associated<String> a) {
                    rendered.add("associated " + a.window().endMicros() + " " + a.embedding().getVector() + " "
                            + a.association().getMatches() + " " + a.decoded().getValues());
                }
            }
            rendered.sort(String::compareTo);
            return rendered;
        } finally {
            pipeline.dispose();
        }
    }

    private static List<Outcome<String>> stream() {
        SplittableRandom random = new SplittableRandom(11);
        List<Outcome<String>> packets = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            Events.Builder b = Events.builder(SensorGeometry.channels(CHANNELS));
            for (int bin = 2 * p; bin < 2 * p + 2; bin++) {
                for (int c = 0; c < CHANNELS; c++) {
                    if (random.nextDouble() < 0.2) {
                        b.add(bin * BIN + 100L * c, c, 0, 0);
                    }
                }
            }
            packets.add(new Packet<>("rig/neural", "neural", p, b.build(), null, null, false, 0, "#" + p));
        }
        return packets;
    }
}

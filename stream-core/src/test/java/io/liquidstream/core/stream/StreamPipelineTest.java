package io.liquidstream.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.association.AssociationIndex;
import io.liquidstream.core.association.ClassPrototypes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class StreamPipelineTest {

    private final PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
    private final AssociationIndex anchors = new AssociationIndex(64, 1);
    private final StreamPipeline<String> pipeline = new StreamPipeline<>(TestModels.models(), "v1", anchors,
            PipelineSettings.defaults().withRails(3), metrics, System::currentTimeMillis);

    @AfterEach
    void stop() {
        pipeline.dispose();
    }

    /** One single-packet sample per source, {@code perSource} samples each from {@code sources} sources. */
    private static Flux<Outcome<String>> samples(int sources, int perSource) {
        List<Outcome<String>> packets = new ArrayList<>();
        for (int k = 0; k < perSource; k++) {
            for (int s = 0; s < sources; s++) {
                packets.add(TestModels.vision("g" + s + "/vision", k, "s" + s + "-" + k, true, k * 10_000L, 40));
            }
        }
        return Flux.fromIterable(packets);
    }

    @Test
    void givenSamplesFromManySources_everySampleYieldsOneAssociationSettlingItsPacket() {
        StepVerifier.create(pipeline.apply(samples(5, 8)).collectList())
                .assertNext(out -> {
                    assertThat(out).hasSize(40).allSatisfy(o -> assertThat(o).isInstanceOf(Associated.class));
                    assertThat(out).flatExtracting(o -> ((Associated<String>) o).window().acks()).hasSize(40)
                            .doesNotHaveDuplicates();
                })
                .verifyComplete();
    }

    @Test
    void givenSamplePacketsOverlappingInTime_everySampleIsAnsweredAndEveryPacketSettled() {
        // a sample cut into 500-event packets sent with t0 = seq * 20 ms while each packet spans ~25 ms
        List<Outcome<String>> packets = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            for (long seq = 0; seq < 6; seq++) {
                Packet<String> p = TestModels.vision("g" + s + "/vision", seq, "s" + s + "-" + seq / 3, seq % 3 == 2,
                        seq * 20_000, 500, 50);
                packets.add(p);
                sent.add(p.ack());
            }
        }

        StepVerifier.create(pipeline.apply(Flux.fromIterable(packets)).collectList())
                .assertNext(out -> {
                    assertThat(out).hasSize(8).allSatisfy(o -> assertThat(o).isInstanceOf(Associated.class));
                    assertThat(out).flatExtracting(o -> ((Associated<String>) o).window().acks())
                            .containsExactlyInAnyOrderElementsOf(sent);
                })
                .verifyComplete();
    }

    @Test
    void givenOneSource_itsAssociationsLeaveInSequenceOrder() {
        StepVerifier.create(pipeline.apply(samples(1, 20)).map(o -> ((Associated<String>) o).window().sampleId()))
                .expectNextSequence(java.util.stream.IntStream.range(0, 20).mapToObj(k -> "s0-" + k).toList())
                .verifyComplete();
    }

    @Test
    void givenAPrototypeOfTheOtherModality_theAssociationPredictsItsClass() {
        ClassPrototypes prototypes = new ClassPrototypes(anchors, 4);
        float[] v = new float[64];
        v[0] = 1;
        prototypes.add("seven", 7, "neural", v);
        StepVerifier.create(pipeline.apply(samples(1, 1)))
                .assertNext(o -> assertThat(((Associated<String>) o).association().getPredictedClass()).isEqualTo(7))
                .verifyComplete();
    }

    @Test
    void givenASampleLeftOpenBySilentSource_itIsAnsweredAfterTheIdleTimeoutAndThePipelineStillCompletesWithItsInput() {
        StreamPipeline<String> idling = new StreamPipeline<>(TestModels.models(), "v1", anchors,
                PipelineSettings.defaults().withRails(2).withSourceIdleTimeout(Duration.ofMillis(200)), metrics,
                () -> System.nanoTime() / 1000);
        Sinks.Many<Outcome<String>> input = Sinks.many().unicast().onBackpressureBuffer();
        try {
            StepVerifier.create(idling.apply(input.asFlux()))
                    .then(() -> input.tryEmitNext(TestModels.vision("g0/vision", 0, "s1", false, 0, 40)))
                    .assertNext(o -> assertThat(((Associated<String>) o).window().acks()).containsExactly("g0/vision#0"))
                    .then(input::tryEmitComplete)
                    .expectComplete()
                    .verify(Duration.ofSeconds(20));
        } finally {
            idling.dispose();
        }
    }

    @Test
    void givenASlowSubscriber_theInputIsRequestedOnlyAsFarAsTheBoundedQueues() {
        AtomicLong requested = new AtomicLong();
        Flux<Outcome<String>> endless = Flux.<Outcome<String>, Long>generate(() -> 0L, (k, sink) -> {
            sink.next(TestModels.vision("g" + (k % 4) + "/vision", k / 4, "s" + k, true, k * 1000, 20));
            return k + 1;
        }).doOnRequest(n -> requested.updateAndGet(r -> r + n < 0 ? Long.MAX_VALUE : r + n));

        StepVerifier.create(pipeline.apply(endless), 0)
                .thenRequest(5)
                .expectNextCount(5)
                .thenAwait(Duration.ofMillis(300))
                .thenCancel()
                .verify(Duration.ofSeconds(30));

        assertThat(requested.get()).isLessThan(2_000);
    }
}

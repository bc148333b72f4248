package io.liquidstream.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WindowingStageTest {

    private final PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());

    private WindowingStage<String> stage(PipelineSettings settings) {
        return new WindowingStage<>(TestModels.models(), settings, metrics, () -> 42L);
    }

    private static List<Outcome<String>> feed(WindowingStage<String> stage, List<Packet<String>> packets) {
        List<Outcome<String>> out = new ArrayList<>();
        packets.forEach(p -> out.addAll(stage.accept(p)));
        return out;
    }

    @Test
    void givenSamplePacketsSwappedWithinTheReorderBound_oneWindowCarriesEveryPacketsAck() {
        List<Outcome<String>> out = feed(stage(PipelineSettings.defaults()), List.of(
                TestModels.vision("cam", 0, "s1", false, 0, 50),
                TestModels.vision("cam", 2, "s1", true, 2000, 50),
                TestModels.vision("cam", 1, "s1", false, 1000, 50)));

        assertThat(out).singleElement().isInstanceOfSatisfying(Window.class, w -> {
            assertThat(w.sampleId()).isEqualTo("s1");
            assertThat(w.acks()).containsExactly("cam#0", "cam#1", "cam#2");
        });
    }

    @Test
    void givenARepeatedSeq_theRepeatIsDroppedAndCounted() {
        List<Outcome<String>> out = feed(stage(PipelineSettings.defaults()), List.of(
                TestModels.vision("cam", 0, "s1", false, 0, 10),
                TestModels.vision("cam", 0, "s1", false, 0, 10)));

        assertThat(out).singleElement().isInstanceOf(Dropped.class);
        assertThat(metrics.registry().counter("liquidstream.packets.duplicate").count()).isEqualTo(1);
    }

    @Test
    void givenAGapBeyondTheReorderBound_theGapIsGivenUpAndItsPacketLaterGoesToTheDlqAsLate() {
        List<Outcome<String>> out = feed(stage(PipelineSettings.defaults().withReorderPackets(1)), List.of(
                TestModels.vision("cam", 0, "s1", true, 0, 10),
                TestModels.vision("cam", 2, "s2", false, 3000, 10),
                TestModels.vision("cam", 3, "s2", true, 4000, 10),
                TestModels.vision("cam", 1, "sx", true, 1000, 10)));

        assertThat(out).hasSize(3);
        assertThat(out.get(1)).isInstanceOfSatisfying(Window.class, w -> assertThat(w.acks()).containsExactly("cam#2", "cam#3"));
        assertThat(out.get(2)).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.LATE));
        assertThat(metrics.registry().counter("liquidstream.packets.gap").count()).isEqualTo(1);
    }

    @Test
    void givenASampleBeyondTheEventCap_everyPacketOfItGoesToTheDlqAsOversized() {
        List<Outcome<String>> out = feed(stage(PipelineSettings.defaults().withMaxSampleEvents(15)), List.of(
                TestModels.vision("cam", 0, "big", false, 0, 10),
                TestModels.vision("cam", 1, "big", false, 1000, 10),
                TestModels.vision("cam", 2, "big", true, 2000, 10)));

        assertThat(out).hasSize(3).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.OVERSIZED)));
    }

    @Test
    void givenPacketsOfOneSampleOverlappingInTime_theSampleIsAnsweredWithAllOfThemMergedByTime() {
        // 500 events 50 us apart span 24.95 ms, but each packet starts only 20 ms after the previous one
        List<Outcome<String>> out = feed(stage(PipelineSettings.defaults()), List.of(
                TestModels.vision("cam", 0, "s1", false, 0, 500, 50),
                TestModels.vision("cam", 1, "s1", false, 20_000, 500, 50),
                TestModels.vision("cam", 2, "s1", true, 40_000, 500, 50)));

        assertThat(out).singleElement().isInstanceOfSatisfying(Window.class, w -> {
            assertThat(w.acks()).containsExactly("cam#0", "cam#1", "cam#2");
            assertThat(w.startMicros()).isEqualTo(0);
            assertThat(w.endMicros()).isEqualTo(40_000 + 499 * 50);
        });
    }

    @Test
    void givenOverlappingSamplePacketsEndingASample_theSampleClosesWithoutWaitingForTheNextOne() {
        List<Outcome<String>> out = feed(stage(PipelineSettings.defaults()), List.of(
                TestModels.vision("cam", 0, "s1", false, 0, 500, 50),
                TestModels.vision("cam", 1, "s1", true, 20_000, 500, 50)));

        assertThat(out).singleElement().isInstanceOfSatisfying(Window.class,
                w -> assertThat(w.acks()).containsExactly("cam#0", "cam#1"));
    }

    @Test
    void givenSlidingWindows_eachPacketsAckRidesOnTheLastWindowHoldingItsEvents() {
        PipelineSettings settings = PipelineSettings.defaults()
                .withSliding(Map.of("vision", SlidingSpec.restarted(1000, 4, 2)));
        List<Outcome<String>> out = feed(stage(settings), List.of(
                TestModels.vision("cam", 0, null, false, 0, 100),
                TestModels.vision("cam", 1, null, false, 1000, 100),
                TestModels.vision("cam", 2, null, false, 2000, 100),
                TestModels.vision("cam", 3, null, false, 3000, 100),
                TestModels.vision("cam", 4, null, false, 4000, 100),
                TestModels.vision("cam", 5, null, false, 5000, 100),
                TestModels.vision("cam", 6, null, false, 6000, 100)));

        List<Window<String>> windows = new ArrayList<>();
        out.forEach(o -> {
            if (o instanceof Window<String> w) {
                windows.add(w);
            }
        });
        assertThat(windows).extracting(Window::startMicros).containsExactly(0L, 2000L);
        assertThat(windows.get(0).acks()).containsExactly("cam#0", "cam#1");
        assertThat(windows.get(1).acks()).containsExactly("cam#2", "cam#3");
    }

    @Test
    void givenASourcesInputsRevokedMidSample_itsReplayedPacketsFormTheWholeSampleAgainInsteadOfDuplicates() {
        AtomicBoolean handedOver = new AtomicBoolean();
        WindowingStage<String> stage = new WindowingStage<>(TestModels.models(), PipelineSettings.defaults(), metrics,
                () -> 42L, ack -> handedOver.get() && ack.startsWith("old "));
        feed(stage, List.of(old(TestModels.vision("cam", 0, "s1", false, 0, 50)),
                old(TestModels.vision("cam", 1, "s1", false, 1000, 50))));
        handedOver.set(true);

        List<Outcome<String>> out = feed(stage, List.of(
                TestModels.vision("cam", 0, "s1", false, 0, 50),
                TestModels.vision("cam", 1, "s1", false, 1000, 50),
                TestModels.vision("cam", 2, "s1", true, 2000, 50)));

        assertThat(out).singleElement().isInstanceOfSatisfying(Window.class,
                w -> assertThat(w.acks()).containsExactly("cam#0", "cam#1", "cam#2"));
    }

    @Test
    void givenASampleWithoutEndOfSample_itIsAnsweredWithWhatArrivedOnceItsSourceIsIdlePastTheTimeout() {
        AtomicLong now = new AtomicLong();
        WindowingStage<String> stage = idleAfterOneSecond(PipelineSettings.defaults(), now);
        feed(stage, List.of(TestModels.vision("cam", 0, "s1", false, 0, 50),
                TestModels.vision("cam", 1, "s1", false, 1000, 50)));

        now.set(999_999);
        assertThat(stage.expire(now.get())).isEmpty();
        now.set(1_000_000);
        assertThat(stage.expire(now.get())).singleElement().isInstanceOfSatisfying(Window.class, w -> {
            assertThat(w.sampleId()).isEqualTo("s1");
            assertThat(w.acks()).containsExactly("cam#0", "cam#1");
        });
        assertThat(metrics.registry().counter("liquidstream.sources.expired").count()).isEqualTo(1);
    }

    @Test
    void givenPacketsHeldBehindSeqsThatNeverCome_theyAreWindowedOnceTheSourceIsIdleAndTheGapsCounted() {
        AtomicLong now = new AtomicLong();
        WindowingStage<String> stage = idleAfterOneSecond(PipelineSettings.defaults(), now);
        List<Outcome<String>> before = feed(stage, List.of(
                TestModels.vision("cam", 0, "s1", true, 0, 10),
                TestModels.vision("cam", 2, "s2", false, 3000, 10),
                TestModels.vision("cam", 4, "s2", true, 5000, 10)));
        assertThat(before).singleElement().isInstanceOf(Window.class);

        now.set(1_000_000);
        assertThat(stage.expire(now.get())).singleElement().isInstanceOfSatisfying(Window.class, w -> {
            assertThat(w.sampleId()).isEqualTo("s2");
            assertThat(w.acks()).containsExactly("cam#2", "cam#4");
        });
        assertThat(metrics.registry().counter("liquidstream.packets.gap").count()).isEqualTo(2);
        assertThat(feed(stage, List.of(TestModels.vision("cam", 3, "s2", false, 4000, 10)))).singleElement()
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.LATE));
    }

    @Test
    void givenASourceThatKeepsSending_onlyTheSilentSourceBesideItIsExpired() {
        AtomicLong now = new AtomicLong();
        WindowingStage<String> stage = idleAfterOneSecond(PipelineSettings.defaults(), now);
        feed(stage, List.of(TestModels.vision("quiet", 0, "q1", false, 0, 10)));
        for (int seq = 0; seq < 4; seq++) {
            now.set(seq * 600_000L);
            feed(stage, List.of(TestModels.vision("busy", seq, "b1", false, seq * 1000L, 10)));
        }

        assertThat(stage.expire(now.get())).singleElement().isInstanceOfSatisfying(Window.class,
                w -> assertThat(w.source()).isEqualTo("quiet"));
        assertThat(stage.expire(now.get())).isEmpty();
    }

    @Test
    void givenSlidingWindowsOfASourceGoneIdle_itsRemainingWindowsAreEmittedAndEveryPendingPacketSettled() {
        AtomicLong now = new AtomicLong();
        WindowingStage<String> stage = idleAfterOneSecond(PipelineSettings.defaults()
                .withSliding(Map.of("vision", SlidingSpec.restarted(1000, 4, 2))), now);
        List<Outcome<String>> before = feed(stage, List.of(
                TestModels.vision("cam", 0, null, false, 0, 100),
                TestModels.vision("cam", 1, null, false, 1000, 100),
                TestModels.vision("cam", 2, null, false, 2000, 100)));
        assertThat(before).isEmpty();

        now.set(1_000_000);
        List<Outcome<String>> out = stage.expire(now.get());

        List<String> settled = new ArrayList<>();
        out.forEach(o -> {
            if (o instanceof Window<String> w) {
                settled.addAll(w.acks());
            } else if (o instanceof Dropped<String> d) {
                settled.add(d.ack());
            }
        });
        assertThat(out).first().isInstanceOf(Window.class);
        assertThat(settled).containsExactlyInAnyOrder("cam#0", "cam#1", "cam#2");
    }

    /** A stage whose sources expire after a second without a packet on the given clock. */
    private WindowingStage<String> idleAfterOneSecond(PipelineSettings settings, AtomicLong now) {
        return new WindowingStage<>(TestModels.models(), settings.withSourceIdleTimeout(Duration.ofSeconds(1)), metrics,
                now::get);
    }

    /** The packet with its ack marked as one from before a hand-over. */
    private static Packet<String> old(Packet<String> p) {
        return new Packet<>(p.source(), p.modality(), p.seq(), p.events(), p.sampleId(), p.label(), p.endOfSample(),
                p.receivedMicros(), "old " + p.ack());
    }
}

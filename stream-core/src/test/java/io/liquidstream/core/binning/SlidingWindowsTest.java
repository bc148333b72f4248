package io.liquidstream.core.binning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlidingWindowsTest {

    private static final int CHANNELS = 6;
    private static final SensorGeometry SENSOR = SensorGeometry.channels(CHANNELS);
    private static final InputMapping MAPPING = InputMapping.channels(CHANNELS);

    @Test
    void givenEventsWithinFirstWindow_nothingIsCompleteYet() {
        SlidingWindows windows = new SlidingWindows(10, 4, 2, MAPPING);

        assertThat(windows.accept("a", events(0, 1, 39, 2))).isEmpty();
    }

    @Test
    void givenEventAtWindowEnd_completesTheWindowAlignedToTheFirstBin() {
        SlidingWindows windows = new SlidingWindows(10, 4, 2, MAPPING);
        windows.accept("a", events(15, 1, 39, 2));

        List<TimedWindow> done = windows.accept("a", events(50, 3));

        assertThat(done).hasSize(1);
        TimedWindow w = done.get(0);
        assertThat(w.source()).isEqualTo("a");
        assertThat(w.startMicros()).isEqualTo(10);
        assertThat(w.endMicros()).isEqualTo(50);
        assertThat(w.window().toDense()[0][1]).isTrue();
        assertThat(w.window().toDense()[2][2]).isTrue();
        assertThat(w.window().activeCount()).isEqualTo(2);
    }

    @Test
    void givenOverlappingHop_eachEventAppearsInEveryWindowCoveringIt() {
        SlidingWindows windows = new SlidingWindows(10, 4, 1, MAPPING);
        windows.accept("a", events(0, 0, 35, 5));

        List<TimedWindow> done = windows.accept("a", events(100, 1));

        // windows start at bins 0..3 and all contain bin 3 (event at 35 us); only window 0 holds bin 0
        assertThat(done).extracting(TimedWindow::startMicros).containsExactly(0L, 10L, 20L, 30L);
        assertThat(done.get(0).window().activeCount()).isEqualTo(2);
        assertThat(done.get(3).window().toDense()[0][5]).isTrue();
    }

    @Test
    void givenRepeatedInputInABin_itIsActiveOnce() {
        SlidingWindows windows = new SlidingWindows(10, 2, 2, MAPPING);
        windows.accept("a", events(0, 4, 3, 4, 5, 4));

        List<TimedWindow> done = windows.accept("a", events(20, 0));

        assertThat(done.get(0).window().activeCount()).isEqualTo(1);
    }

    @Test
    void givenLongSilence_silentWindowsAreSkippedAndTheGridIsKept() {
        SlidingWindows windows = new SlidingWindows(10, 4, 2, MAPPING);
        windows.accept("a", events(0, 1));

        List<TimedWindow> done = windows.accept("a", events(1_000_000_005L, 2));
        List<TimedWindow> flushed = windows.flush("a");

        assertThat(done).extracting(TimedWindow::startMicros).containsExactly(0L);
        // the late event's bin 100000000 is covered by windows starting at bins 99999998 and 100000000
        assertThat(flushed).extracting(TimedWindow::startMicros).containsExactly(999_999_980L, 1_000_000_000L);
    }

    @Test
    void givenEventBeforeTheCurrentBin_failsNamingSourceAndTimes() {
        SlidingWindows windows = new SlidingWindows(10, 4, 2, MAPPING);
        windows.accept("cam-7", events(100, 1));

        assertThatThrownBy(() -> windows.accept("cam-7", events(95, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cam-7").hasMessageContaining("95 us").hasMessageContaining("[100, 110)");
    }

    @Test
    void givenEventEarlierButWithinTheCurrentBin_acceptsIt() {
        SlidingWindows windows = new SlidingWindows(10, 1, 1, MAPPING);
        windows.accept("a", events(108, 1));
        windows.accept("a", events(101, 2));

        List<TimedWindow> done = windows.accept("a", events(110, 0));

        assertThat(FixedBinningTest.activeIn(done.get(0).window(), 0)).containsExactly(1, 2);
    }

    @Test
    void givenLateChunk_stateIsUnchangedAndLaterEventsStillWork() {
        SlidingWindows windows = new SlidingWindows(10, 2, 2, MAPPING);
        windows.accept("a", events(100, 1));
        assertThatThrownBy(() -> windows.accept("a", events(50, 3, 120, 4)));

        List<TimedWindow> done = windows.accept("a", events(120, 2));

        assertThat(done).hasSize(1);
        assertThat(FixedBinningTest.activeIn(done.get(0).window(), 0)).containsExactly(1);
    }

    @Test
    void sourcesAreIndependent() {
        SlidingWindows windows = new SlidingWindows(10, 2, 2, MAPPING);
        windows.accept("a", events(1_000, 1));
        windows.accept("b", events(5, 2));

        // b's grid starts at its own first event; a's late-looking time is fine for b
        List<TimedWindow> b = windows.accept("b", events(20, 3));
        List<TimedWindow> a = windows.accept("a", events(1_020, 4));

        assertThat(windows.sources()).isEqualTo(2);
        assertThat(b).singleElement().satisfies(w -> {
            assertThat(w.source()).isEqualTo("b");
            assertThat(w.startMicros()).isZero();
            assertThat(w.window().toDense()[0][2]).isTrue();
            assertThat(w.window().activeCount()).isEqualTo(1);
        });
        assertThat(a).singleElement().satisfies(w -> {
            assertThat(w.startMicros()).isEqualTo(1_000);
            assertThat(w.window().toDense()[0][1]).isTrue();
            assertThat(w.window().activeCount()).isEqualTo(1);
        });
    }

    @Test
    void resetForgetsTheSourceAndRestartsItsGrid() {
        SlidingWindows windows = new SlidingWindows(10, 2, 2, MAPPING);
        windows.accept("a", events(100, 1));
        windows.reset("a");

        assertThat(windows.sources()).isZero();
        windows.accept("a", events(55, 2));
        assertThat(windows.accept("a", events(75, 0))).singleElement()
                .satisfies(w -> assertThat(w.startMicros()).isEqualTo(50));
    }

    @Test
    void flushCompletesPendingWindowsAndForgetsTheSource() {
        SlidingWindows windows = new SlidingWindows(10, 4, 2, MAPPING);
        windows.accept("a", events(0, 1, 25, 2));

        List<TimedWindow> flushed = windows.flush("a");

        assertThat(flushed).extracting(TimedWindow::startMicros).containsExactly(0L, 20L);
        assertThat(windows.sources()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"7,5,2", "10,4,4", "3,3,5", "1000,20,1", "5,1,1"})
    void givenRandomStreamInRandomChunks_windowsMatchBruteForceRecomputation(long bin, int windowBins, int hop) {
        Random random = new Random(bin * 31 + windowBins * 7L + hop);
        List<long[]> all = randomStream(random, 3_000, bin);
        SlidingWindows windows = new SlidingWindows(bin, windowBins, hop, MAPPING);

        List<TimedWindow> actual = new ArrayList<>();
        int i = 0;
        while (i < all.size()) {
            int n = Math.min(all.size() - i, random.nextInt(40));
            actual.addAll(windows.accept("s", chunk(all.subList(i, i + n))));
            i += n;
        }
        long lastBin = Math.floorDiv(all.get(all.size() - 1)[0], bin);
        List<TimedWindow> expectedBeforeFlush = bruteForce(all, bin, windowBins, hop, lastBin);
        assertThat(actual).isEqualTo(expectedBeforeFlush);

        actual.addAll(windows.flush("s"));
        assertThat(actual).isEqualTo(bruteForce(all, bin, windowBins, hop, lastBin + windowBins));
    }

    @Test
    void givenLongStream_stateStaysWithinTheWindow() {
        int windowBins = 20;
        SlidingWindows windows = new SlidingWindows(100, windowBins, 5, MAPPING);
        Random random = new Random(3);
        int emitted = 0;
        int maxCapacity = 0;
        long t = 0;
        for (int c = 0; c < 5_000; c++) {
            Events.Builder b = Events.builder(SENSOR, 200);
            for (int k = 0; k < 200; k++) {
                t += random.nextInt(3);
                b.add(t, random.nextInt(CHANNELS), 0, 0);
            }
            emitted += windows.accept("s", b.build()).size();
            maxCapacity = Math.max(maxCapacity, windows.retainedIndexCapacity("s"));
            assertThat(windows.retainedBins("s")).isLessThanOrEqualTo(windowBins);
        }

        assertThat(emitted).isGreaterThan(1_000);
        // each bin keeps at most twice its distinct inputs (plus the initial 16 slots)
        assertThat(maxCapacity).isLessThanOrEqualTo(windowBins * Math.max(16, 2 * CHANNELS));
    }

    private static Events events(long... timeChannelPairs) {
        Events.Builder b = Events.builder(SENSOR);
        for (int k = 0; k < timeChannelPairs.length; k += 2) {
            b.add(timeChannelPairs[k], (int) timeChannelPairs[k + 1], 0, 0);
        }
        return b.build();
    }

    /** Bursts separated by gaps, some longer than a window, with negative start times too. */
    private static List<long[]> randomStream(Random random, int count, long bin) {
        List<long[]> all = new ArrayList<>();
        long t = -50 * bin + random.nextInt(100);
        for (int k = 0; k < count; k++) {
            int gapKind = random.nextInt(100);
            t += gapKind < 2 ? bin * (10 + random.nextInt(200)) : gapKind < 30 ? 0 : random.nextInt((int) Math.max(2, bin));
            all.add(new long[] {t, random.nextInt(CHANNELS + 2)}); // channels beyond 5 are unmapped
        }
        return all;
    }

    private static Events chunk(List<long[]> events) {
        Events.Builder b = Events.builder(SensorGeometry.channels(CHANNELS + 2));
        for (long[] e : events) {
            b.add(e[0], (int) e[1], 0, 0);
        }
        return b.build();
    }

    /** Every grid window ending at or before bin {@code untilBin} with at least one mapped event. */
    private static List<TimedWindow> bruteForce(List<long[]> all, long bin, int windowBins, int hop, long untilBin) {
        List<TimedWindow> out = new ArrayList<>();
        for (long s = Math.floorDiv(all.get(0)[0], bin); s + windowBins <= untilBin; s += hop) {
            boolean[][] dense = new boolean[windowBins][CHANNELS];
            boolean any = false;
            for (long[] e : all) {
                long b = Math.floorDiv(e[0], bin) - s;
                if (b >= 0 && b < windowBins && e[1] < CHANNELS) {
                    dense[(int) b][(int) e[1]] = true;
                    any = true;
                }
            }
            if (any) {
                out.add(new TimedWindow("s", s * bin, (s + windowBins) * bin, SpikeWindow.fromDense(dense)));
            }
        }
        return out;
    }
}

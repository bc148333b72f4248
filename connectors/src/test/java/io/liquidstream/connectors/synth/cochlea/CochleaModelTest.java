package io.liquidstream.connectors.synth.cochlea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CochleaModelTest {

    private static final int RATE = 22050;
    private final CochleaModel cochlea = new CochleaModel(CochleaModel.Config.ntidigits());

    private static float[] tone(double hz, double amplitude, double seconds) {
        float[] s = new float[(int) (seconds * RATE)];
        for (int n = 0; n < s.length; n++) {
            s[n] = (float) (amplitude * Math.sin(2 * Math.PI * hz * n / RATE));
        }
        return s;
    }

    private static int[] perChannel(Events events) {
        int[] counts = new int[events.geometry().width()];
        for (int i = 0; i < events.size(); i++) {
            counts[events.x(i)]++;
        }
        return counts;
    }

    private static int busiest(Events events) {
        int[] counts = perChannel(events);
        int best = 0;
        for (int c = 1; c < counts.length; c++) {
            if (counts[c] > counts[best]) {
                best = c;
            }
        }
        return best;
    }

    @Test
    void givenToneAtAChannelsCentre_thatChannelOrANeighbourFiresMost() {
        double centre = cochlea.config().centreHz(32);

        Events events = cochlea.encode(tone(centre, 0.3, 0.5), RATE);

        assertThat(busiest(events)).isBetween(31, 33);
    }

    @Test
    void given200HzTone_lowChannelsFire() {
        Events events = cochlea.encode(tone(200, 0.3, 0.5), RATE);

        assertThat(busiest(events)).isBetween(6, 14);
        int[] counts = perChannel(events);
        int high = 0;
        for (int c = 32; c < 64; c++) {
            high += counts[c];
        }
        assertThat(high).isLessThan(events.size() / 10);
    }

    @Test
    void given5kHzTone_highChannelsFire() {
        Events events = cochlea.encode(tone(5000, 0.3, 0.5), RATE);

        assertThat(busiest(events)).isBetween(53, 61);
        int[] counts = perChannel(events);
        int low = 0;
        for (int c = 0; c < 32; c++) {
            low += counts[c];
        }
        assertThat(low).isLessThan(events.size() / 10);
    }

    @Test
    void givenSilence_emitsNoEvents() {
        Events events = cochlea.encode(new float[RATE], RATE);

        assertThat(events.isEmpty()).isTrue();
        assertThat(events.geometry()).isEqualTo(SensorGeometry.channels(64));
    }

    @Test
    void givenLouderTone_emitsMoreEvents() {
        Events quiet = cochlea.encode(tone(1000, 0.02, 0.5), RATE);
        Events loud = cochlea.encode(tone(1000, 0.4, 0.5), RATE);

        assertThat(quiet.size()).isPositive();
        assertThat(loud.size()).isGreaterThan(quiet.size() * 3 / 2);
    }

    @Test
    void givenTwoTones_theLouderBandFiresMore() {
        float[] low = tone(300, 0.4, 0.5);
        float[] high = tone(3000, 0.05, 0.5);
        float[] mix = new float[low.length];
        for (int n = 0; n < mix.length; n++) {
            mix[n] = low[n] + high[n];
        }
        CochleaModel.Config config = cochlea.config();
        int lowChannel = nearestChannel(config, 300);
        int highChannel = nearestChannel(config, 3000);

        int[] counts = perChannel(cochlea.encode(mix, RATE));

        assertThat(counts[highChannel]).isPositive();
        assertThat(counts[lowChannel]).isGreaterThan(counts[highChannel]);
    }

    private static int nearestChannel(CochleaModel.Config config, double hz) {
        int best = 0;
        for (int c = 1; c < config.channels(); c++) {
            if (Math.abs(Math.log(config.centreHz(c) / hz)) < Math.abs(Math.log(config.centreHz(best) / hz))) {
                best = c;
            }
        }
        return best;
    }

    @Test
    void givenBroadbandNoise_eventsAreTimeSortedInsideGeometryAndDuration() {
        float[] noise = noise(RATE / 2, 0.3, 7);

        Events events = cochlea.encode(noise, RATE);

        assertThat(events.size()).isGreaterThan(1000);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.x(i)).isBetween(0, 63);
            assertThat(events.y(i)).isZero();
            assertThat(events.p(i)).isZero();
            assertThat(events.t(i)).isBetween(0L, 500_000L);
            if (i > 0) {
                assertThat(events.t(i)).isGreaterThanOrEqualTo(events.t(i - 1));
            }
        }
    }

    private static float[] noise(int length, double amplitude, long seed) {
        Random random = new Random(seed);
        float[] s = new float[length];
        for (int n = 0; n < length; n++) {
            s[n] = (float) (amplitude * (2 * random.nextDouble() - 1));
        }
        return s;
    }

    @Test
    void givenLoudInput_noChannelFiresWithinItsRefractoryPeriod() {
        CochleaModel.Config d = CochleaModel.Config.ntidigits();
        long refractory = 5_000;
        CochleaModel slow = new CochleaModel(new CochleaModel.Config(d.channels(), d.lowHz(), d.highHz(), d.q(),
                d.gain(), d.threshold(), refractory, d.leakPerSecond(), d.sections(), d.compression()));

        Events events = slow.encode(noise(RATE, 0.8, 3), RATE);

        long[] last = new long[64];
        Arrays.fill(last, Long.MIN_VALUE / 2);
        int spikes = 0;
        for (int i = 0; i < events.size(); i++) {
            int c = events.x(i);
            assertThat(events.t(i) - last[c]).isGreaterThanOrEqualTo(refractory);
            last[c] = events.t(i);
            spikes++;
        }
        assertThat(spikes).isGreaterThan(64 * 50); // loud enough that the refractory period is what limits
    }

    @Test
    void givenSameInput_encodesIdentically() {
        float[] noise = noise(RATE / 4, 0.3, 11);

        assertThat(cochlea.encode(noise, RATE)).isEqualTo(cochlea.encode(noise, RATE));
    }

    @Test
    void givenLowSampleRate_channelsAboveNyquistStaySilent() {
        int rate = 8000;
        float[] noise = noise(rate / 2, 0.5, 5);

        Events events = cochlea.encode(noise, rate);

        assertThat(events.size()).isPositive();
        for (int i = 0; i < events.size(); i++) {
            assertThat(cochlea.config().centreHz(events.x(i))).isLessThan(0.45 * rate);
        }
    }

    @Test
    void centreFrequenciesAreLogSpacedFromLowToHigh() {
        CochleaModel.Config config = CochleaModel.Config.ntidigits();

        assertThat(config.centreHz(0)).isEqualTo(100.0);
        assertThat(config.centreHz(63)).isCloseTo(7500.0, offset(1e-6));
        assertThat(config.centreHz(2) / config.centreHz(1))
                .isCloseTo(config.centreHz(41) / config.centreHz(40), offset(1e-9));
    }

    @Test
    void givenInvalidSettings_configSaysWhatWasExpected() {
        assertThatThrownBy(() -> new CochleaModel.Config(64, 8000, 100, 4, 1, 1e-3, 1000, 50, 2, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lowHz <= highHz");
        assertThatThrownBy(() -> new CochleaModel.Config(64, 100, 7500, 4, 1, 1e-3, 1000, 50, 2, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compression in (0, 1]");
    }
}

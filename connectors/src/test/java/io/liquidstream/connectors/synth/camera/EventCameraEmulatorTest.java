package io.liquidstream.connectors.synth.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.liquidstream.connectors.synth.camera.EventCameraEmulator.Config;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventCameraEmulatorTest {

    private static final float[] BLANK = new float[28 * 28];
    private static final Config NMNIST = Config.nmnist();

    private static Config with(double noiseHz, long refractoryMicros, double mismatch, long stepMicros) {
        Config c = NMNIST;
        return new Config(c.sensorWidth(), c.sensorHeight(), c.contrastThreshold(), mismatch, refractoryMicros, noiseHz,
                stepMicros, c.saccadeMicros(), c.saccadeAmplitudePixels(), c.backgroundIntensity(), c.sensorSeed());
    }

    private static Events recordRing(Config config, long seed) {
        return new EventCameraEmulator(config).record(TestImages.ring(8), 28, 28, seed);
    }

    @Test
    void givenNoNoise_aStillBlankSceneStaysSilent() {
        Config silent = with(0, 1_000, 0.03, 1_000).withSaccadeAmplitude(0);

        assertThat(new EventCameraEmulator(silent).record(BLANK, 28, 28, 1).size()).isZero();
    }

    @Test
    void givenNoNoise_aMovingBlankImageStaysSilent() {
        assertThat(new EventCameraEmulator(with(0, 1_000, 0.03, 1_000)).record(BLANK, 28, 28, 1).size()).isZero();
    }

    @Test
    void givenAStillBlankScene_onlyBackgroundNoiseFiresAtTheConfiguredRate() {
        double rateHz = 5;
        Config noisy = with(rateHz, 1_000, 0.03, 1_000).withSaccadeAmplitude(0);

        Events events = new EventCameraEmulator(noisy).record(BLANK, 28, 28, 7);

        double expected = 34 * 34 * rateHz * 0.3;
        assertThat((double) events.size()).isCloseTo(expected, within(0.1 * expected));
        long on = countOn(events);
        assertThat((double) on / events.size()).isCloseTo(0.5, within(0.05));
    }

    @Test
    void givenAMovingDigit_bothPolaritiesFire() {
        Events events = recordRing(NMNIST, 3);

        long on = countOn(events);
        assertThat(on).isGreaterThan(events.size() / 4);
        assertThat(events.size() - on).isGreaterThan(events.size() / 4);
    }

    @Test
    void givenAMovingDigit_eventsLieOnA34By34TwoPolaritySensor() {
        Events events = recordRing(NMNIST, 3);

        assertThat(events.geometry()).isEqualTo(SensorGeometry.pixels(34, 34));
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.geometry().contains(events.x(i), events.y(i), events.p(i))).isTrue();
        }
    }

    @Test
    void givenAMovingDigit_eventsAreTimeSortedAndSpanThreeSaccades() {
        Events events = recordRing(NMNIST, 3);

        long[] t = events.times();
        long[] sorted = t.clone();
        Arrays.sort(sorted);
        assertThat(t).isEqualTo(sorted);
        assertThat(events.firstTime()).isBetween(0L, 20_000L);
        assertThat(events.lastTime()).isBetween(270_000L, 300_000L);
    }

    @Test
    void givenAMovingDigit_eventCountIsInTheRangeOfRealNmnistSamples() {
        assertThat(recordRing(NMNIST, 3).size()).isBetween(2_000, 7_000);
    }

    @Test
    void givenTheSameSeed_recordingsAreIdentical() {
        assertThat(recordRing(NMNIST, 11)).isEqualTo(recordRing(NMNIST, 11));
    }

    @Test
    void givenAnotherSeed_recordingsDiffer() {
        assertThat(recordRing(NMNIST, 11)).isNotEqualTo(recordRing(NMNIST, 12));
    }

    @Test
    void noPixelFiresTwiceWithinTheRefractoryPeriod() {
        long refractory = 5_000;
        Events events = recordRing(with(20, refractory, 0.03, 1_000), 5);

        long[] last = new long[34 * 34];
        Arrays.fill(last, Long.MIN_VALUE / 2);
        long shortestGap = Long.MAX_VALUE;
        for (int i = 0; i < events.size(); i++) {
            int pixel = events.y(i) * 34 + events.x(i);
            shortestGap = Math.min(shortestGap, events.t(i) - last[pixel]);
            last[pixel] = events.t(i);
        }
        assertThat(shortestGap).isGreaterThanOrEqualTo(refractory);
    }

    @Test
    void givenACoarseStep_everyThresholdCrossedStillFires() {
        Events fine = recordRing(with(0, 0, 0, 250), 9);
        Events coarse = recordRing(with(0, 0, 0, 10_000), 9);

        assertThat((double) coarse.size()).isCloseTo(fine.size(), within(0.03 * fine.size()));
    }

    @Test
    void givenACoarseStep_eventTimesAreInterpolatedInsideTheStep() {
        Events coarse = recordRing(with(0, 0, 0, 10_000), 9);

        long offGrid = Arrays.stream(coarse.times()).filter(t -> t % 10_000 != 0).count();
        assertThat(offGrid).isGreaterThan(coarse.size() / 2L);
    }

    @Test
    void givenImagesSmallerOrLargerThanTheSensor_seesTheirEdgesMove() {
        EventCameraEmulator camera = new EventCameraEmulator(with(0, 1_000, 0.03, 1_000));

        assertThat(camera.record(bars(10, 10), 10, 10, 1).size()).isPositive();
        assertThat(camera.record(bars(64, 48), 64, 48, 1).size()).isPositive();
    }

    @Test
    void rejectsAnImageOfTheWrongSize() {
        EventCameraEmulator camera = new EventCameraEmulator(NMNIST);

        assertThatThrownBy(() -> camera.record(new float[100], 28, 28, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("784").hasMessageContaining("100");
    }

    @Test
    void rejectsGreyValuesOutsideTheUnitInterval() {
        float[] image = new float[28 * 28];
        image[30] = 1.5f;

        assertThatThrownBy(() -> new EventCameraEmulator(NMNIST).record(image, 28, 28, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x=2, y=1");
    }

    /** Vertical bars four pixels apart: edges everywhere, whatever the image size. */
    private static float[] bars(int width, int height) {
        float[] image = new float[width * height];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i % width) % 8 < 4 ? 1f : 0f;
        }
        return image;
    }

    private static long countOn(Events events) {
        long on = 0;
        for (int i = 0; i < events.size(); i++) {
            on += events.p(i);
        }
        return on;
    }
}

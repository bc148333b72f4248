package io.liquidstream.core.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RramDifferentialPairWeightsTest {

    private final ReservoirSpec spec = ReservoirPreset.VISION_PROBE.spec(42);
    private final ReservoirWeights ideal = new IdealGaussianWeights().weights(spec);

    @Test
    void givenIdealDevice_weightsReproduceTheIdealGaussianDraw() {
        ReservoirWeights rram = new RramDifferentialPairWeights(RramDeviceModel.ideal()).weights(spec);

        assertClose(rram.inputMatrix(), ideal.inputMatrix(), 1e-6f);
        assertClose(rram.recurrentMatrix(), ideal.recurrentMatrix(), 1e-6f);
        assertThat(rram.readNoise()).isZero();
    }

    @Test
    void givenNLevels_programmedConductancesTakeAtMostNValuesInsideTheWindow() {
        RramDeviceModel device = RramDeviceModel.defaults().withLevels(16).withProgrammingNoise(2.0, 0.1);
        SplittableRandom random = new SplittableRandom(1);
        Set<Double> seen = new HashSet<>();
        for (int k = 0; k < 100_000; k++) {
            double target = device.gMin() + random.nextDouble() * 1.2 * (device.gMax() - device.gMin());
            double g = device.program(target, 2 * random.nextDouble() - 1);
            assertThat(g).isBetween(device.gMin(), device.gMax());
            seen.add(g);
        }

        assertThat(seen).hasSizeLessThanOrEqualTo(16).hasSizeGreaterThan(8);
    }

    @Test
    void givenNLevels_weightsAreDifferencesOfLevelsSoAtMost2NMinus1Values() {
        int levels = 8;
        ReservoirWeights rram = new RramDifferentialPairWeights(RramDeviceModel.defaults().withLevels(levels))
                .weights(spec);
        Set<Float> values = new HashSet<>();
        for (float w : rram.recurrentMatrix()) {
            values.add(w);
        }

        assertThat(values).hasSizeLessThanOrEqualTo(2 * levels - 1);
    }

    @Test
    void givenNarrowWindow_weightsAreClampedToTheWindowsReach() {
        RramDeviceModel device = RramDeviceModel.ideal().withWindow(1.0, 6.0);
        ReservoirWeights rram = new RramDifferentialPairWeights(device).weights(spec);
        double reach = spec.scale() * (device.gMax() - device.gMin());
        double lowest = Double.MAX_VALUE;
        double highest = -Double.MAX_VALUE;
        for (float w : rram.inputMatrix()) {
            lowest = Math.min(lowest, w);
            highest = Math.max(highest, w);
        }

        // The ideal draw reaches beyond ±5 µS (std 6.6 µS), so both bounds are hit.
        assertThat(highest).isCloseTo(reach, within(1e-6));
        assertThat(lowest).isCloseTo(-reach, within(1e-6));
    }

    @Test
    void givenProgrammingNoise_weightsScatterAroundTheTargetsBySigmaTimesRootTwo() {
        double sigma = 0.5;
        RramDeviceModel device = RramDeviceModel.ideal().withProgrammingNoise(sigma, 0);
        float[] rram = new RramDifferentialPairWeights(device).weights(spec).recurrentMatrix();
        float[] targets = ideal.recurrentMatrix();
        double sumSq = 0;
        for (int k = 0; k < rram.length; k++) {
            double errorMicroSiemens = (rram[k] - targets[k]) / spec.scale();
            sumSq += errorMicroSiemens * errorMicroSiemens;
        }

        // Both devices of a pair err independently, so the difference errs by sigma * sqrt(2),
        // slightly less where the idle device's error is clamped at gMin.
        double rms = Math.sqrt(sumSq / rram.length);
        assertThat(rms).isBetween(0.6 * sigma * Math.sqrt(2), sigma * Math.sqrt(2) * 1.05);
    }

    @Test
    void givenSameSeed_deviceStateIsReproducible() {
        RramDifferentialPairWeights source = new RramDifferentialPairWeights();

        assertThat(source.weights(spec).inputMatrix()).containsExactly(source.weights(spec).inputMatrix());
        assertThat(source.weights(spec).inputMatrix()).isNotEqualTo(source.weights(spec.withSeed(43)).inputMatrix());
    }

    @Test
    void givenSeed42AndDefaults_deviceStateIsTheSameBitsOnEveryJvm() {
        ReservoirWeights rram = new RramDifferentialPairWeights().weights(spec);

        assertThat(new float[] {rram.input(0, 0), rram.input(0, 1), rram.input(0, 2), rram.recurrent(199, 199)})
                .containsExactly(0.31111112f, -0.7111111f, -0.22222222f, -0.17777778f);
    }

    @Test
    void givenStuckFraction_thatFractionOfDevicesHoldsGMinOrGMaxInEqualShares() {
        // Exact programming on a continuous device: a working pair reproduces its target, so every pair
        // that departs from it has a stuck device; a stuck-on device shows as |w| near c·(gMax - gMin).
        double fraction = 0.1;
        RramDeviceModel device = RramDeviceModel.ideal().withStuckFraction(fraction);
        float[] rram = new RramDifferentialPairWeights(device).weights(spec).recurrentMatrix();
        float[] targets = ideal.recurrentMatrix();
        double reach = spec.scale() * (device.gMax() - device.gMin());
        int changed = 0;
        int atReach = 0;
        for (int k = 0; k < rram.length; k++) {
            if (Math.abs(rram[k] - targets[k]) > 1e-6 * Math.max(1, Math.abs(targets[k]))) {
                changed++;
            }
            if (Math.abs(Math.abs(rram[k]) - reach) < 0.25 * reach) {
                atReach++;
            }
        }

        // A pair departs when its active device is stuck (10 %) or its idle one, already at gMin, is stuck on
        // (5 %): 1 - 0.9 · 0.95 = 14.5 %. Stuck-on devices: half of 2 × 10 % per pair.
        double pairs = rram.length;
        assertThat(changed / pairs).isBetween(0.13, 0.16);
        assertThat(atReach / pairs).isBetween(0.08, 0.12);
    }

    @Test
    void givenStuckDevices_faultMapIsFixedBySeed() {
        RramDifferentialPairWeights source =
                new RramDifferentialPairWeights(RramDeviceModel.defaults().withStuckFraction(0.05));

        assertThat(source.weights(spec).recurrentMatrix()).containsExactly(source.weights(spec).recurrentMatrix());
        assertThat(source.weights(spec).recurrentMatrix())
                .isNotEqualTo(source.weights(spec.withSeed(43)).recurrentMatrix());
    }

    @Test
    void givenNoStuckDevices_weightsAreThoseOfTheFaultFreeModel() {
        RramDeviceModel faultFree = new RramDeviceModel(1.0, 41.0, 64, 0.5, 0.0, 0.10);

        assertThat(new RramDifferentialPairWeights(RramDeviceModel.defaults().withStuckFraction(0)).weights(spec)
                .inputMatrix()).containsExactly(new RramDifferentialPairWeights(faultFree).weights(spec).inputMatrix());
    }

    @Test
    void givenAllDevicesStuck_noWeightFollowsItsTarget() {
        RramDeviceModel device = RramDeviceModel.ideal().withStuckFraction(1.0);
        float[] rram = new RramDifferentialPairWeights(device).weights(spec).inputMatrix();
        double reach = spec.scale() * (device.gMax() - device.gMin());
        for (float w : rram) {
            assertThat(Math.min(Math.abs(w), Math.abs(Math.abs(w) - reach))).isLessThan(1e-6);
        }
    }

    @Test
    void givenStuckFractionOutsideUnitInterval_deviceModelIsRejected() {
        assertThatThrownBy(() -> RramDeviceModel.defaults().withStuckFraction(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stuckFraction").hasMessageContaining("1.5");
    }

    @Test
    void deviceReadNoiseIsCarriedToTheWeights() {
        ReservoirWeights rram = new RramDifferentialPairWeights(RramDeviceModel.defaults().withReadNoise(0.07))
                .weights(spec);

        assertThat(rram.readNoise()).isEqualTo(0.07);
    }

    @Test
    void givenInvertedWindow_deviceModelIsRejected() {
        assertThatThrownBy(() -> RramDeviceModel.defaults().withWindow(10, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[10.0, 5.0]");
    }

    @Test
    void givenSingleLevel_deviceModelIsRejected() {
        assertThatThrownBy(() -> RramDeviceModel.defaults().withLevels(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("levels");
    }

    private static void assertClose(float[] actual, float[] expected, float relative) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int k = 0; k < actual.length; k++) {
            float tolerance = relative * Math.max(1f, Math.abs(expected[k]));
            assertThat(Math.abs(actual[k] - expected[k])).as("weight %d", k).isLessThanOrEqualTo(tolerance);
        }
    }
}

package io.liquidstream.connectors.synth.strokes;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import org.junit.jupiter.api.Test;

class MotorCortexModelTest {

    private static final MotorCortexModel.Config CFG = MotorCortexModel.Config.defaults();
    private final MotorCortexModel cortex = new MotorCortexModel(CFG, 17);

    @Test
    void recordsOneChannelPerElectrodeInTimeOrderWithinTheRecording() {
        PenTrajectory eight = StrokeTemplates.template(8);
        Events spikes = cortex.record(eight, 1);

        assertThat(spikes.geometry()).isEqualTo(SensorGeometry.channels(192));
        for (int i = 1; i < spikes.size(); i++) {
            assertThat(spikes.t(i)).isGreaterThanOrEqualTo(spikes.t(i - 1));
        }
        assertThat(spikes.firstTime()).isNotNegative();
        assertThat(spikes.lastTime()).isLessThan(cortex.recordingMicros(eight));
    }

    @Test
    void aTrialYieldsAFewThousandSpikes() {
        for (int d = 0; d < 10; d++) {
            assertThat(cortex.record(StrokeTemplates.template(d), d).size()).as("digit %d", d).isBetween(1500, 8000);
        }
    }

    @Test
    void theSameSeedsGiveTheSameSpikesAndAnotherTrialSeedOthers() {
        PenTrajectory two = StrokeTemplates.template(2);
        Events a = cortex.record(two, 5);

        assertThat(new MotorCortexModel(CFG, 17).record(two, 5)).isEqualTo(a);
        assertThat(cortex.record(two, 6)).isNotEqualTo(a);
        assertThat(new MotorCortexModel(CFG, 18).record(two, 5)).isNotEqualTo(a);
    }

    @Test
    void directionTunedUnitsFireMoreAlongTheirPreferredDirectionThanAgainstIt() {
        int tested = 0;
        int agreeing = 0;
        for (int e = 0; e < CFG.electrodes() && tested < 20; e++) {
            MotorCortexModel.Unit u = cortex.unit(e);
            if (u.depthHz() < 8 || u.speedGainHz() > 0 || u.penGainHz() > 0) {
                continue;
            }
            tested++;
            double along = movingSpikes(e, u.preferredDirection());
            double against = movingSpikes(e, u.preferredDirection() + Math.PI);
            agreeing += along > 1.5 * against ? 1 : 0;
        }

        assertThat(tested).isEqualTo(20);
        assertThat(agreeing).isEqualTo(20);
    }

    @Test
    void aStillPenLeavesThePopulationAtItsBaselineRate() {
        PenTrajectory still = straightLine(0, 0, 2.0);
        double expected = 0;
        for (int e = 0; e < CFG.electrodes(); e++) {
            expected += cortex.unit(e).baselineHz();
        }
        expected *= cortex.recordingMicros(still) / 1e6;
        double observed = 0;
        int trials = 10;
        for (int trial = 0; trial < trials; trial++) {
            observed += cortex.record(still, trial).size();
        }

        assertThat(observed / trials).isBetween(0.85 * expected, 1.15 * expected);
    }

    @Test
    void thePopulationIsQuietBeforeWritingAndActiveWhileWriting() {
        PenTrajectory zero = StrokeTemplates.template(0);
        long quietEnd = CFG.leadMicros() - CFG.neuralLeadMicros() - 3 * CFG.leadJitterMicros();
        long writingStart = CFG.leadMicros();
        long writingEnd = writingStart + Math.round(zero.durationSeconds() * 1e6) - CFG.neuralLeadMicros();
        long quiet = 0;
        long writing = 0;
        for (int trial = 0; trial < 5; trial++) {
            Events spikes = cortex.record(zero, trial);
            for (int i = 0; i < spikes.size(); i++) {
                long t = spikes.t(i);
                quiet += t < quietEnd ? 1 : 0;
                writing += t >= writingStart && t < writingEnd ? 1 : 0;
            }
        }
        double quietRate = quiet / (double) quietEnd;
        double writingRate = writing / (double) (writingEnd - writingStart);

        assertThat(writingRate).isGreaterThan(1.2 * quietRate);
    }

    /** Spikes of one electrode, summed over trials, while the pen moves at the typical speed in one direction. */
    private double movingSpikes(int electrode, double direction) {
        PenTrajectory line = straightLine(Math.cos(direction) * CFG.typicalSpeed(),
                Math.sin(direction) * CFG.typicalSpeed(), 2.0);
        long from = CFG.leadMicros();
        long to = from + 2_000_000 - CFG.neuralLeadMicros();
        int count = 0;
        for (int trial = 0; trial < 2; trial++) {
            Events spikes = cortex.record(line, 100 + trial);
            for (int i = 0; i < spikes.size(); i++) {
                count += spikes.x(i) == electrode && spikes.t(i) >= from && spikes.t(i) < to ? 1 : 0;
            }
        }
        return count;
    }

    /** A pen moving at constant velocity (unit-box lengths per second), pen up, for {@code seconds}. */
    private static PenTrajectory straightLine(double vx, double vy, double seconds) {
        double rate = 200;
        int n = (int) (seconds * rate) + 1;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 + vx * i / rate;
            y[i] = 0.5 + vy * i / rate;
        }
        return new PenTrajectory(x, y, new boolean[n], rate);
    }
}

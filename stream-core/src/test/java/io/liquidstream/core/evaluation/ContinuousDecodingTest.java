package io.liquidstream.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.liquidstream.core.binning.FixedBinning;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.readout.LinearReadout;
import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import io.liquidstream.core.transform.EventTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Decoding a velocity that channels are cosine-tuned to, on held-out trials. */
class ContinuousDecodingTest {

    private static final int CHANNELS = 24;
    private static final long BIN = 10_000;
    private final InputSpec input = new InputSpec("tuned", EventTransform.identity(), new FixedBinning(10),
            SensorGeometry.channels(CHANNELS));
    private final ReservoirSpec spec = ReservoirPreset.VISION_CLIP.spec(3).withInputs(CHANNELS).withNeurons(150);
    private final LifReservoir reservoir = new LifReservoir(spec, new IdealGaussianWeights());
    private final ContinuousDecoding.Settings settings = new ContinuousDecoding.Settings(new int[] {5, 10}, 1,
            List.of(new WienerFeatures(5, 1)), List.of(new int[] {0, 3}), 0.25, 1, 7);

    @Test
    void givenChannelsTunedToVelocity_everyMethodDecodesHeldOutTrialsWellAboveTheMean() {
        List<DecodingTrial> train = trials(40, 1);
        List<DecodingTrial> test = trials(15, 2);

        ContinuousDecoding.Report report = ContinuousDecoding.run(train, test, input, reservoir, List.of("vx", "vy"),
                settings, line -> { });

        assertThat(report.methods()).extracting(ContinuousDecoding.Method::name)
                .containsExactly("liquid read-out", "Wiener filter", "Kalman filter");
        assertThat(report.testBins()).isEqualTo(15 * 120);
        for (ContinuousDecoding.Method m : report.methods()) {
            for (int k = 0; k < 2; k++) {
                assertThat(m.test().r2()[k]).as("%s R2 of target %d", m.name(), k).isGreaterThan(0.5);
                assertThat(m.test().correlation()[k]).as("%s r of target %d", m.name(), k).isGreaterThan(0.75);
            }
        }
    }

    @Test
    void givenTrainingTrials_theFittedReadoutReadsTheChosenWindowOfTheLiquidInTheTrialsBins() {
        ContinuousDecoding.FittedReadout fitted = ContinuousDecoding.fitReadout(trials(20, 3), input, reservoir,
                List.of("vx", "vy"), settings, line -> { });

        LinearReadout readout = fitted.readout();
        assertThat(readout.names()).containsExactly("vx", "vy");
        assertThat(readout.bins()).isIn(5, 10);
        assertThat(readout.binMicros()).isEqualTo(BIN);
        assertThat(readout.neurons()).isEqualTo(spec.neurons());
        assertThat(fitted.validation().meanR2()).isGreaterThan(0.3);
    }

    /** Trials of 1.2 s: a smooth random 2-D velocity, Poisson spikes of channels cosine-tuned to it. */
    private static List<DecodingTrial> trials(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] preferred = new double[CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            preferred[c] = 2 * Math.PI * c / CHANNELS;
        }
        List<DecodingTrial> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int bins = 120;
            float[][] v = new float[bins][2];
            double vx = 0;
            double vy = 0;
            Events.Builder spikes = Events.builder(SensorGeometry.channels(CHANNELS));
            for (int b = 0; b < bins; b++) {
                vx = 0.9 * vx + 0.3 * gaussian(r);
                vy = 0.9 * vy + 0.3 * gaussian(r);
                v[b][0] = (float) vx;
                v[b][1] = (float) vy;
                for (int c = 0; c < CHANNELS; c++) {
                    double rateHz = Math.max(0, 30 + 40 * (vx * Math.cos(preferred[c]) + vy * Math.sin(preferred[c])));
                    if (r.nextDouble() < rateHz * BIN / 1e6) {
                        spikes.add(b * BIN + c * 100L, c, 0, 0);
                    }
                }
            }
            out.add(new DecodingTrial("t" + i, 0, spikes.build(), v, BIN));
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}

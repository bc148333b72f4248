package io.liquidstream.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.RramDeviceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeviceSweepTest {

    private static final int CLASSES = 4;

    private final List<String> progress = new ArrayList<>();

    @Test
    void givenTwoAxes_eachValueIsOnePointBesideTheIdealBaseline() {
        DeviceSweep.Result result = sweep(List.of(DeviceSweep.Axis.parse("levels=16,64"),
                DeviceSweep.Axis.parse("read-noise=0,0.2")), 2);

        assertThat(result.curves()).extracting(DeviceSweep.Curve::parameter)
                .containsExactly(DeviceSweep.Parameter.LEVELS, DeviceSweep.Parameter.READ_NOISE);
        assertThat(result.curves().get(0).points()).extracting(DeviceSweep.Point::value).containsExactly(16.0, 64.0);
        assertThat(result.curves().get(1).points().get(1).device())
                .isEqualTo(RramDeviceModel.defaults().withReadNoise(0.2));
        assertThat(result.ideal().get("probe").perSeed()).hasSize(2);
        assertThat(result.ideal().get("probe").mean()).isGreaterThan(80);
        // levels=64 is the default device: measured once, reported at both places.
        assertThat(result.curves().get(0).points().get(1).accuracy().get("probe"))
                .isEqualTo(result.baseDevice().get("probe"));
        // ideal + defaults + levels=16 + read-noise=0 + read-noise=0.2, two seeds each
        assertThat(progress).hasSize(10).last().asString().startsWith("[10/10] read-noise=0.2 seed 1, probe ");
    }

    @Test
    void givenAbsurdReadNoise_everyReadIsNoiseAndAccuracyFallsToChance() {
        // Each read multiplies a weight by 1 + 10·z: the sign and size of every synaptic kick is random per
        // read, so the firing rates no longer depend on the input.
        DeviceSweep.Result result = sweep(List.of(DeviceSweep.Axis.parse("read-noise=0.1,10")), 1);

        List<DeviceSweep.Point> points = result.curves().get(0).points();
        assertThat(result.ideal().get("probe").mean()).isGreaterThan(80);
        assertThat(points.get(0).accuracy().get("probe").mean()).isGreaterThan(80);
        assertThat(points.get(1).accuracy().get("probe").mean()).isLessThan(100.0 / CLASSES + 20);
    }

    @Test
    void givenUnknownParameterOrBadValue_parseSaysWhatItExpected() {
        assertThatThrownBy(() -> DeviceSweep.Axis.parse("drift=0,1")).hasMessageContaining("levels, program-noise")
                .hasMessageContaining("'drift'");
        assertThatThrownBy(() -> DeviceSweep.Axis.parse("stuck=0,x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> new DeviceSweep(RramDeviceModel.defaults(), List.of(DeviceSweep.Axis.parse("levels=2.5")),
                1, Map.of("probe", (w, s) -> 0), line -> { })).hasMessageContaining("2.5");
    }

    private DeviceSweep.Result sweep(List<DeviceSweep.Axis> axes, int seeds) {
        LinearProbeMetric probe = new LinearProbeMetric(InputSpec.visionProbe(), ReservoirPreset.VISION_PROBE,
                samples(12, 1), samples(8, 2), CLASSES, new ProbeConfig(60, 16, 1e-2, 0, 0), 1);
        return new DeviceSweep(RramDeviceModel.defaults(), axes, seeds, Map.of("probe", probe), progress::add).run();
    }

    /** Class k: a bar of ON events in the k-th quarter (rows) of the central 16×16 crop, plus a few random ones. */
    private static List<LabeledSample> samples(int perClass, long seed) {
        SensorGeometry sensor = SensorGeometry.pixels(34, 34);
        SplittableRandom random = new SplittableRandom(seed);
        List<LabeledSample> out = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (int label = 0; label < CLASSES; label++) {
                int n = 300;
                long[] t = new long[n];
                int[] x = new int[n];
                int[] y = new int[n];
                byte[] p = new byte[n];
                for (int e = 0; e < n; e++) {
                    t[e] = e * 1000L;
                    boolean noise = random.nextDouble() < 0.2;
                    x[e] = 9 + random.nextInt(16);
                    y[e] = noise ? 9 + random.nextInt(16) : 9 + 4 * label + random.nextInt(4);
                    p[e] = 1;
                }
                out.add(new LabeledSample("s" + seed + "-" + i + "-" + label, label, Events.of(sensor, t, x, y, p)));
            }
        }
        return out;
    }
}

package io.liquidstream.study;

import io.liquidstream.connectors.format.LabelledFolder;
import io.liquidstream.connectors.format.hdf5.NTidigits;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.reservoir.ReservoirBank;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Encode throughput of read-out options on real samples (docs/presets.md): one thread runs the input spec
 * (transforms, binning) and the reservoir bank over the test split, after a warm-up, and reports samples per
 * second of wall-clock and of that thread's CPU time. Not a test; run by hand:
 * <pre>
 *   PresetThroughput vision|audio DATA 'SPEC;NEURONS;RESERVOIRS;SEGMENTS@...'
 * </pre>
 */
public final class PresetThroughput {
    public static void main(String[] a) throws Exception {
        boolean vision = a[0].equals("vision");
        Path dataPath = Path.of(a[1]);
        a = new String[] {a[0], a[2]};
        List<LabeledSample> data = vision ? LabelledFolder.read(dataPath, "Test", 0)
                : NTidigits.read(dataPath, "test", true);
        ReservoirPreset preset = vision ? ReservoirPreset.VISION_PROBE : ReservoirPreset.AUDIO_PROBE;
        var mx = ManagementFactory.getThreadMXBean();
        for (String fc : a[1].split("@")) {
            String[] p = fc.split(";");
            InputSpec spec = InputSpec.parseOrPreset(p[0]);
            int k = Integer.parseInt(p[2]), seg = Integer.parseInt(p[3]);
            ReservoirSpec rs = preset.spec(0).withInputs(spec.inputs()).withBins(spec.binning().bins()).withNeurons(Integer.parseInt(p[1]));
            ReservoirBank bank = ReservoirBank.of(rs, new IdealGaussianWeights(), k);
            double sink = 0;
            for (int rep = 0; rep < 2; rep++) for (LabeledSample s : data) sink += bank.encode(spec.encode(s.events()), seg)[0];  // warm-up
            int reps = 3;
            long w0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
            for (int rep = 0; rep < reps; rep++) for (LabeledSample s : data) sink += bank.encode(spec.encode(s.events()), seg)[0];
            double wall = (System.nanoTime() - w0) / 1e9, cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            int n = reps * data.size();
            System.out.printf(Locale.ROOT, "TPUT %s | %s | %d samples, 1 thread: %.0f samples/s wall, %.0f samples per CPU-second (%s)%n", a[0], fc, n, n / wall, n / cpu, sink > -1 ? "ok" : "");
        }
    }
}

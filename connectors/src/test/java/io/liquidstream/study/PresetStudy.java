package io.liquidstream.study;

import io.liquidstream.connectors.format.LabelledFolder;
import io.liquidstream.connectors.format.hdf5.NTidigits;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.evaluation.SeedProtocols;
import io.liquidstream.core.projection.FeatureStandardiser;
import io.liquidstream.core.readout.FeatureExtractor;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.readout.SoftmaxProbe;
import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.reservoir.LifReservoir;
import io.liquidstream.core.reservoir.ReservoirPreset;
import io.liquidstream.core.reservoir.ReservoirSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The study behind {@code --preset best} (docs/presets.md): linear-probe accuracy of read-out options of a
 * fixed random liquid on a validation split carved from the training data. Not a test; run by hand:
 * <pre>
 *   PresetStudy vision|audio DATA val|test SEEDS 'SPEC;NEURONS;RESERVOIRS;SEGMENTS@...' 'raw|std,EPOCHS|-,LR|-@...'
 * </pre>
 * {@code DATA} is an N-MNIST-layout folder (vision) or an N-TIDIGITS-layout file (audio). Vision holds out a
 * stratified 20 % of the training samples (shuffle seed 12345); audio holds out every 5th training voice
 * (the id's text before its first '-', sorted), so validation is speaker-independent as the test split is.
 */
public final class PresetStudy {
    public static void main(String[] a) throws Exception {
        boolean vision = a[0].equals("vision");
        Path data = Path.of(a[1]);
        a = Arrays.copyOfRange(a, 1, a.length);
        boolean test = a[1].equals("test");
        long[] seeds = Arrays.stream(a[2].split(",")).mapToLong(Long::parseLong).toArray();
        String[] feats = a[3].split("@");
        String[] reads = a[4].split("@");
        int threads = 2;
        List<LabeledSample> train, other;
        if (vision) { train = LabelledFolder.read(data, "Train", 0); }
        else { train = NTidigits.read(data, "train", true); }
        if (test) {
            other = vision ? LabelledFolder.read(data, "Test", 0) : NTidigits.read(data, "test", true);
        } else {
            if (!vision) {
                // speaker-disjoint validation: ids are gender-speaker-digits; every 5th speaker (sorted) held out
                TreeSet<String> speakers = new TreeSet<>();
                for (LabeledSample s : train) speakers.add(s.id().split("-")[0]);
                List<String> sp = new ArrayList<>(speakers); Set<String> held = new HashSet<>();
                for (int i = 0; i < sp.size(); i += 5) held.add(sp.get(i));
                System.out.println("held-out speakers " + held + " of " + sp.size() + "; e.g. id " + train.get(0).id());
                List<LabeledSample> tr = new ArrayList<>(), va = new ArrayList<>();
                for (LabeledSample s : train) (held.contains(s.id().split("-")[0]) ? va : tr).add(s);
                train = tr; other = va;
            } else {
            // stratified 20 % validation carved from training, fixed shuffle seed
            Map<Integer, List<LabeledSample>> by = new TreeMap<>();
            for (LabeledSample s : train) by.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
            List<LabeledSample> tr = new ArrayList<>(), va = new ArrayList<>();
            Random r = new Random(12345);
            for (List<LabeledSample> l : by.values()) { Collections.shuffle(l, r); int nv = l.size() / 5; va.addAll(l.subList(0, nv)); tr.addAll(l.subList(nv, l.size())); }
            train = tr; other = va;
            }
        }
        int classes = vision ? 10 : 11;
        SeedProtocols.LinearProbe proto = SeedProtocols.probe(vision);
        ReservoirPreset preset = vision ? ReservoirPreset.VISION_PROBE : ReservoirPreset.AUDIO_PROBE;
        System.out.printf("%s %s train %d eval %d%n", vision ? "vision" : "audio", test ? "TEST" : "VAL", train.size(), other.size());
        for (String fc : feats) {
            String[] p = fc.split(";");
            InputSpec spec = InputSpec.parseOrPreset(p[0]);
            int neurons = Integer.parseInt(p[1]);
            int k = Integer.parseInt(p[2]);
            int seg = Integer.parseInt(p[3]);
            double scale = p.length > 4 ? Double.parseDouble(p[4]) : preset.spec(0).scale();
            Map<String, List<Double>> acc = new LinkedHashMap<>();
            Map<String, List<Double>> tracc = new LinkedHashMap<>();
            double rateSum = 0; double sps = 0;
            for (long seed : seeds) {
                float[][] xtr = new float[train.size()][0], xo = new float[other.size()][0];
                long t0 = System.nanoTime();
                double rate = 0;
                for (int r = 0; r < k; r++) {
                    ReservoirSpec rs = preset.spec(seed + 1000L * r).withInputs(spec.inputs()).withBins(spec.binning().bins()).withNeurons(neurons).withScale(scale);
                    FeatureExtractor fx = new FeatureExtractor(spec, new LifReservoir(rs, new IdealGaussianWeights()), threads, seg);
                    float[][] f1 = fx.extract(train, null), f2 = fx.extract(other, null);
                    xtr = cat(xtr, f1); xo = cat(xo, f2);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                sps += (train.size() + other.size()) / secs;
                for (float[] row : xo) for (float v : row) rate += v;
                rateSum += rate / xo.length / xo[0].length;
                int[] ytr = FeatureExtractor.labels(train), yo = FeatureExtractor.labels(other);
                for (String rc : reads) {
                    String[] q = rc.split(",");
                    boolean std = q[0].equals("std");
                    ProbeConfig cfg = proto.training().withSeed(seed);
                    if (!q[1].equals("-")) cfg = cfg.withEpochs(Integer.parseInt(q[1]));
                    if (!q[2].equals("-")) cfg = cfg.withLearningRate(Double.parseDouble(q[2]));
                    if (q.length > 3 && !q[3].equals("-")) cfg = new ProbeConfig(cfg.epochs(), cfg.batchSize(), cfg.learningRate(), Double.parseDouble(q[3]), cfg.seed());
                    if (q.length > 4 && !q[4].equals("-")) cfg = cfg.withBatchSize(Integer.parseInt(q[4]));
                    float[][] a1 = xtr, a2 = xo;
                    if (std) { FeatureStandardiser fs = FeatureStandardiser.fit(xtr, FeatureStandardiser.DEFAULT_FLOOR); a1 = fs.apply(xtr); a2 = fs.apply(xo); }
                    SoftmaxProbe pr = SoftmaxProbe.train(a1, ytr, classes, cfg, null);
                    acc.computeIfAbsent(rc, x -> new ArrayList<>()).add(100 * pr.accuracy(a2, yo));
                    tracc.computeIfAbsent(rc, x -> new ArrayList<>()).add(100 * pr.accuracy(a1, ytr));
                    System.out.printf("  [%s] [%s] seed %d: %s %.2f (train %.2f) dim %d  %.0f samples/s%n", fc, rc, seed, test ? "test" : "val", acc.get(rc).get(acc.get(rc).size()-1), tracc.get(rc).get(tracc.get(rc).size()-1), a1[0].length, (train.size() + other.size()) / secs);
                }
            }
            for (String rc : reads) {
                double[] v = acc.get(rc).stream().mapToDouble(Double::doubleValue).toArray();
                double m = Arrays.stream(v).average().orElse(0);
                double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length - 1));
                System.out.printf("RESULT %s | %s | %s | %s mean %.2f sd %.2f (n=%d) | rate %.4f | %.0f samples/s%n", vision ? "vision" : "audio", fc, rc, test ? "test" : "val", m, sd, v.length, rateSum / seeds.length, sps / seeds.length);
            }
        }
    }
    private static float[][] cat(float[][] x, float[][] y) { float[][] o = new float[x.length][]; for (int i = 0; i < x.length; i++) { o[i] = new float[x[i].length + y[i].length]; System.arraycopy(x[i], 0, o[i], 0, x[i].length); System.arraycopy(y[i], 0, o[i], x[i].length, y[i].length);} return o; }
}

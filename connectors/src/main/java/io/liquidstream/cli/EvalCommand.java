package io.liquidstream.cli;

import io.liquidstream.connectors.datasets.PairedData;
import io.liquidstream.core.association.PrototypicalClassifier;
import io.liquidstream.core.evaluation.CrossModalRetriever;
import io.liquidstream.core.evaluation.CrossModalTraining;
import io.liquidstream.core.evaluation.PairedFeatures;
import io.liquidstream.core.evaluation.PairedModality;
import io.liquidstream.core.evaluation.ProjectionRetriever;
import io.liquidstream.core.evaluation.SeedProtocols;
import io.liquidstream.core.evaluation.SeenMarginCalibration;
import io.liquidstream.core.evaluation.ZeroShotProtocol;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liquidstream eval ...}: the seed's evaluation protocols. */
@Command(name = "eval", mixinStandardHelpOptions = true, header = "Evaluation protocols of the seed.",
        subcommands = {EvalCommand.ZeroShot.class, EvalDeviceCommand.class, DecodeEvalCommand.class})
final class EvalCommand {

    enum Method { clip, protonet }

    /** The prototype baseline's feature normalisation and ridge. */
    private static final PrototypicalClassifier.Normalisation PROTOTYPE_NORMALISATION =
            PrototypicalClassifier.Normalisation.STANDARDISE;
    private static final double PROTOTYPE_RIDGE = 1e-2;

    /** Cross-modal zero-shot retrieval (audio→image or neural→image). */
    @Command(name = "zero-shot", header = "Cross-modal zero-shot retrieval, mean and sd over seeds.", mixinStandardHelpOptions = true,
            description = {
                "Trains on pairs of the training classes only (paired within a class by index), then "
                    + "scores top-1 retrieval on the first --test-per-class test samples of each class, in "
                    + "both directions: in-class among the training classes, zero-shot among classes never "
                    + "trained on. Final epoch, never selected on the test set; mean and standard deviation "
                    + "over --seeds reservoir/training seeds; chance beside it.",
                "",
                "With clip, also the generalized (open-set) protocol: test queries of all classes "
                    + "against one prototype per class (seen and unseen) from the other modality's test "
                    + "samples; seen and unseen accuracy and their harmonic mean H, uncalibrated and with "
                    + "calibrated stacking, its seen-class margin chosen per query modality on training "
                    + "classes held out as pseudo-unseen (one more training run per seed), never on test data. "
                    + "See docs/generalized-zero-shot.md."
            })
    static final class ZeroShot implements Callable<Integer> {

        @Mixin
        PairOptions pair;

        @Option(names = "--train-classes", description = "Training classes. Default: 1-7 (audio); for neural data "
                + "every class present but the zero-shot ones (digits: 0-7).")
        String trainClasses;

        @Option(names = "--zero-shot-classes", description = "Unseen classes. Default: 8-9 on digits; on the built-in "
                + "letters (labels 10-35) the last 4, w-z (32-35), as the seed holds out 4 of 26 letters.")
        String zeroShotClasses;

        @Option(names = "--test-per-class", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
        int testPerClass;

        @Option(names = "--method", defaultValue = "clip",
                description = "clip (contrastive projection heads) or protonet (prototype baseline on the same "
                        + "features). Default: ${DEFAULT-VALUE}.")
        Method method;

        @Mixin
        DeviceOption reservoir;

        @Option(names = "--seeds", defaultValue = "5", description = "Seeds to average over. Default: ${DEFAULT-VALUE}.")
        int seeds;

        @Mixin
        PresetOption preset;

        @Option(names = "--figure", defaultValue = "zero-shot.png",
                description = "PNG scatter (PCA) of the last seed's test embeddings. Default: ${DEFAULT-VALUE}; 'none' to skip.")
        String figure;

        @Mixin
        ThreadsOption threads;

        @Mixin
        JsonOption output;

        @Option(names = "--no-generalized",
                description = "Skip the generalized (open-set) protocol and its calibration training run.")
        boolean noGeneralized;

        @Mixin
        TrainingOptions training;

        @Override
        public Integer call() throws IOException {
            long started = System.nanoTime();
            PairedData data = pair.load(preset.preset);
            SortedSet<Integer> unseen = zeroShotClasses != null ? new TreeSet<>(PairedData.classes(zeroShotClasses))
                    : data.defaultZeroShotClasses();
            ZeroShotProtocol protocol = new ZeroShotProtocol(new ZeroShotProtocol.Config(
                    trainClasses != null ? new TreeSet<>(PairedData.classes(trainClasses)) : data.defaultTrainClasses(unseen),
                    unseen, testPerClass));
            int workers = threads.workers();
            if (seeds <= 0) {
                throw new IllegalArgumentException("--seeds must be positive, found " + seeds);
            }
            double[][] runs = new double[seeds][];
            boolean generalized = method == Method.clip && !noGeneralized;
            List<GeneralizedReport.Run> open = new ArrayList<>();
            ZeroShotProtocol.Scores last = null;
            int pairs = 0;
            for (int s = 0; s < seeds; s++) {
                List<PairedModality> sides = data.encodings(training.segments());
                PairedFeatures f = PairedFeatures.encode(sides.get(0), sides.get(1), s, reservoir.device.weights(), workers,
                        output::progress);
                CrossModalRetriever model;
                if (method == Method.protonet) {
                    model = CrossModalTraining.fitPrototypes(protocol, f.a(), f.b(), PROTOTYPE_NORMALISATION,
                            PROTOTYPE_RIDGE);
                    pairs = protocol.trainingPairs(f.a(), f.b()).length;
                } else {
                    CrossModalTraining.ClipModel clip;
                    try (Progress p = output.progress("training seed " + s, (long) training.epochs)) {
                        clip = CrossModalTraining.trainHeads(protocol.config().trainClasses(), f.a(), f.b(), training.shape(),
                                training.config(s), p.epochs());
                    }
                    pairs = clip.pairs();
                    model = clip.retriever();
                    if (generalized) {
                        open.add(generalized(protocol, f, clip, s));
                    }
                    if (s == seeds - 1 && !figure.equals("none")) {
                        writeFigure(protocol, f, clip, data);
                    }
                }
                last = protocol.score(model, f.a(), f.b());
                runs[s] = new double[] {last.inClassAToB(), last.inClassBToA(), last.zeroShotAToB(), last.zeroShotBToA()};
            }
            GeneralizedReport generalizedReport = open.isEmpty() ? null
                    : new GeneralizedReport(open, data.a().modality(), data.b().modality());
            double seconds = (System.nanoTime() - started) / 1e9;
            report(data, protocol, runs, generalizedReport, last, pairs, settings(data), seconds);
            return 0;
        }

        private RunSettings settings(PairedData data) {
            String a = data.a().modality();
            if (method == Method.protonet) {
                return RunSettings.prototypes(a.equals("audio") ? SeedProtocols.AUDIO_VISION_PROTONET : null,
                        PROTOTYPE_NORMALISATION.name().toLowerCase(java.util.Locale.ROOT), PROTOTYPE_RIDGE, data,
                        training.segments());
            }
            return RunSettings.zeroShot(SeedProtocols.zeroShot(a), training.config(0), training.shape(), data,
                    training.segments());
        }

        private GeneralizedReport.Run generalized(ZeroShotProtocol protocol, PairedFeatures f,
                CrossModalTraining.ClipModel clip, int seed) {
            SeenMarginCalibration.Result cal;
            try (Progress p = output.progress("calibrating seed " + seed, (long) training.epochs)) {
                cal = SeenMarginCalibration.calibrate(protocol.config().trainClasses(), f.a(), f.b(), training.shape(),
                        training.config(seed), p.epochs());
            }
            return GeneralizedReport.Run.of(cal, protocol.scoreGeneralized(clip.retriever(), f.a(), f.b()),
                    f.a().modality(), f.b().modality());
        }

        private void writeFigure(ZeroShotProtocol protocol, PairedFeatures f, CrossModalTraining.ClipModel clip,
                PairedData data) throws IOException {
            TreeSet<Integer> all = new TreeSet<>(protocol.config().trainClasses());
            all.addAll(protocol.config().zeroShotClasses());
            int[] ia = io.liquidstream.core.evaluation.ClassPairing.firstPerClass(f.a().testLabels(), all, testPerClass);
            int[] ib = io.liquidstream.core.evaluation.ClassPairing.firstPerClass(f.b().testLabels(), all, testPerClass);
            float[][] ea = ProjectionRetriever.embed(clip.headA(), pick(f.a().test(), ia));
            float[][] eb = ProjectionRetriever.embed(clip.headB(), pick(f.b().test(), ib));
            EmbeddingFigure.write(Path.of(figure), data.a().modality() + " / image embeddings (" + method + ", pd "
                    + training.projectionDim + ")", data.a().modality(), ea, pickLabels(f.a().testLabels(), ia), "image", eb,
                    pickLabels(f.b().testLabels(), ib), protocol.config().zeroShotClasses());
        }

        private static float[][] pick(float[][] m, int[] idx) {
            float[][] out = new float[idx.length][];
            for (int i = 0; i < idx.length; i++) {
                out[i] = m[idx[i]];
            }
            return out;
        }

        private static int[] pickLabels(int[] v, int[] idx) {
            int[] out = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                out[i] = v[idx[i]];
            }
            return out;
        }

        private void report(PairedData data, ZeroShotProtocol protocol, double[][] runs, GeneralizedReport open,
                ZeroShotProtocol.Scores last, int pairs, RunSettings settings, double seconds) {
            String a = data.a().modality();
            String aToB = a + "ToImage";
            String bToA = "imageTo" + Character.toUpperCase(a.charAt(0)) + a.substring(1);
            double[] mean = new double[4];
            double[] sd = new double[4];
            for (int k = 0; k < 4; k++) {
                for (double[] r : runs) {
                    mean[k] += r[k] / runs.length;
                }
                for (double[] r : runs) {
                    sd[k] += (r[k] - mean[k]) * (r[k] - mean[k]);
                }
                sd[k] = runs.length > 1 ? Math.sqrt(sd[k] / (runs.length - 1)) : 0;
            }
            double chanceIn = ZeroShotProtocol.chance(protocol.config().trainClasses());
            double chanceZero = ZeroShotProtocol.chance(protocol.config().zeroShotClasses());
            PrintWriter out = output.out();
            if (output.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("pair", a + "-vision");
                m.put("method", method.name());
                m.put("loss", method == Method.clip ? training.lossName() : "none");
                m.put("pd", training.projectionDim);
                m.put("device", reservoir.device.name());
                m.put("segments", Map.of(data.a().modality(), training.segments().of(data.a()), "vision",
                        training.segments().of(data.b())));
                m.put("standardise", training.standardise);
                m.put("seeds", runs.length);
                m.put("inClass", Map.of(aToB, Json.round(mean[0], 2), bToA, Json.round(mean[1], 2)));
                m.put("zeroShot", Map.of(aToB, Json.round(mean[2], 2), bToA, Json.round(mean[3], 2)));
                m.put("inClassSd", Map.of(aToB, Json.round(sd[0], 2), bToA, Json.round(sd[1], 2)));
                m.put("zeroShotSd", Map.of(aToB, Json.round(sd[2], 2), bToA, Json.round(sd[3], 2)));
                m.put("chance", Map.of("inClass", Json.round(chanceIn, 2), "zeroShot", Json.round(chanceZero, 2)));
                Map<String, Object> sizes = new LinkedHashMap<>();
                sizes.put("trainPairs", pairs);
                sizes.put("trainClasses", List.copyOf(protocol.config().trainClasses()));
                sizes.put("zeroShotClasses", List.copyOf(protocol.config().zeroShotClasses()));
                sizes.put("inClassQueries" + cap(a), last.inClassQueriesA());
                sizes.put("inClassQueriesImage", last.inClassQueriesB());
                sizes.put("zeroShotQueries" + cap(a), last.zeroShotQueriesA());
                sizes.put("zeroShotQueriesImage", last.zeroShotQueriesB());
                m.put("sizes", sizes);
                m.put("perSeed", runs);
                if (open != null) {
                    open.addTo(m);
                }
                m.put("settings", settings.fields());
                m.put("seconds", Json.round(seconds, 1));
                out.println(Json.line(m));
            } else {
                out.printf("zero-shot %s <-> image: %s%s, pd %d, %s weights, %s, %d seed(s), final epoch%n", a, method,
                        method == Method.clip ? " (" + training.lossName() + " loss)" : "", training.projectionDim,
                        reservoir.device, "read-out segments " + training.segments().describe(data)
                                + (training.standardise ? ", standardised" : ""), runs.length);
                out.printf("  training pairs %d from classes %s; zero-shot classes %s; up to %d test samples per class%n",
                        pairs, protocol.config().trainClasses(), protocol.config().zeroShotClasses(), testPerClass);
                out.printf("  settings: %s%n", settings.line());
                out.printf("  %-18s %-22s %-22s%n", "", "in-class", "zero-shot");
                out.printf("  %-18s %6.2f ± %-13.2f %6.2f ± %-13.2f%n", a + " -> image", mean[0], sd[0], mean[2], sd[2]);
                out.printf("  %-18s %6.2f ± %-13.2f %6.2f ± %-13.2f%n", "image -> " + a, mean[1], sd[1], mean[3], sd[3]);
                out.printf("  %-18s %6.2f %-15s %6.2f%n", "chance", chanceIn, "", chanceZero);
                if (open != null) {
                    open.print(out);
                }
                if (method == Method.clip && !figure.equals("none")) {
                    out.printf("  figure             %s%n", Path.of(figure).toAbsolutePath());
                }
                out.printf("  time               %.1f s%n", seconds);
            }
            out.flush();
        }

        private static String cap(String s) {
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }
}

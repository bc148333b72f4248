package io.liquidstream.cli;

import io.liquidstream.core.bundle.BundleAnchor;
import io.liquidstream.core.bundle.DenseStack;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.bundle.WeightSourceSpec;
import io.liquidstream.core.evaluation.CrossModalTraining;
import io.liquidstream.core.evaluation.ModalityFeatures;
import io.liquidstream.core.evaluation.ProjectionRetriever;
import io.liquidstream.core.projection.ProjectionHead;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liquidstream train}: contrastive projection heads on two modalities, written as a model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
            "Encodes both modalities with their fixed random reservoirs, trains the projection heads on pairs of",
            "the training classes (paired within a class by index), and writes a model bundle holding everything",
            "the service needs, with one class anchor per class and modality (mean embedding of training samples)."
        })
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--pair", required = true, paramLabel = "M=PATH,M=PATH",
            description = "vision=DIR,audio=FILE or neural=DIR,vision=DIR (see eval zero-shot --help).")
    String pair;

    @Option(names = "--train-classes", description = "Classes whose pairs train the heads. Default: 1-7 (audio), 0-7 (neural).")
    String trainClasses;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model bundle to write (e.g. model.lsm).")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Reservoir and training seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--device", defaultValue = "ideal", description = "Reservoir weights: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    DeviceKind device;

    @Option(names = "--neural-channels", defaultValue = "192", description = "Default: ${DEFAULT-VALUE}.")
    int neuralChannels;

    @Option(names = "--anchor-samples", defaultValue = "20",
            description = "Training samples averaged into each class anchor. Default: ${DEFAULT-VALUE}.")
    int anchorSamples;

    @Mixin
    TrainingOptions training;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PairedData data = PairedData.load(pair, neuralChannels);
        boolean neural = data.a().modality().equals("neural");
        TreeSet<Integer> train = new TreeSet<>(PairedData.classes(trainClasses != null ? trainClasses : neural ? "0-7" : "1-7"));
        PairedFeatures f = PairedFeatures.encode(data, seed, device, Runtime.getRuntime().availableProcessors(),
                Progress::new);
        CrossModalTraining.ClipModel clip;
        try (Progress p = new Progress("training", training.epochs)) {
            clip = CrossModalTraining.trainHeads(train, f.a(), f.b(), training.shape(), training.config(neural, seed),
                    (e, n, loss, tau) -> p.update(e, String.format("loss %.4f tau %.3f", loss, tau)));
        }
        List<BundleAnchor> anchors = new ArrayList<>();
        anchors.addAll(anchors(f.a(), clip.headA()));
        anchors.addAll(anchors(f.b(), clip.headB()));

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("pair", pair);
        meta.put("trainClasses", train.toString());
        meta.put("trainPairs", Integer.toString(clip.pairs()));
        meta.put("loss", training.lossName(neural));
        meta.put("epochs", Integer.toString(training.epochs));
        meta.put("finalLoss", String.format("%.5f", clip.epochLosses()[clip.epochLosses().length - 1]));
        meta.put("seed", Long.toString(seed));
        meta.put("created", Instant.now().toString());
        ModelBundle bundle = new ModelBundle(List.of(
                modality(data.a(), clip.headA()), modality(data.b(), clip.headB())), clip.temperature(), anchors, meta);
        bundle.write(out);

        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s (version %s): %s + vision, %d training pairs, %d anchors, tau %.4f%n", out.toAbsolutePath(),
                bundle.version(), data.a().modality(), clip.pairs(), anchors.size(), clip.temperature());
        w.flush();
        return 0;
    }

    private ModalityModel modality(PairedData.Side side, ProjectionHead head) {
        return new ModalityModel(side.modality(), side.input(), side.reservoir(side.modality().equals("vision")
                ? seed + 1_000_003L : seed), WeightSourceSpec.of(device.weights()),
                new DenseStack(head.layerDims(), head.activation().name(), head.exportWeights()));
    }

    private List<BundleAnchor> anchors(ModalityFeatures f, ProjectionHead head) {
        float[][] emb = ProjectionRetriever.embed(head, f.train());
        Map<Integer, float[]> sums = new java.util.TreeMap<>();
        Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < emb.length; i++) {
            int c = f.trainLabels()[i];
            if (counts.getOrDefault(c, 0) >= anchorSamples) {
                continue;
            }
            counts.merge(c, 1, Integer::sum);
            float[] s = sums.computeIfAbsent(c, k -> new float[emb[0].length]);
            for (int j = 0; j < s.length; j++) {
                s[j] += emb[i][j];
            }
        }
        List<BundleAnchor> out = new ArrayList<>();
        sums.forEach((c, s) -> out.add(new BundleAnchor(f.modality() + "-class-" + c, c, f.modality(), s)));
        return out;
    }
}

package io.liquidstream.cli;

import io.liquidstream.connectors.datasets.PairedData;
import io.liquidstream.connectors.decoding.DecoderTraining;
import io.liquidstream.connectors.decoding.VelocityRecordings;
import io.liquidstream.core.bundle.ModalityModel;
import io.liquidstream.core.bundle.ModelBundle;
import io.liquidstream.core.evaluation.BundleTraining;
import io.liquidstream.core.evaluation.PairedModality;
import io.liquidstream.core.evaluation.SeedProtocols;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
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
@Command(name = "train", header = "Train projection heads on two modalities and write a model bundle.", mixinStandardHelpOptions = true,
        description = {
            "Encodes both modalities with their fixed random reservoirs, trains the projection heads on "
                + "pairs of the training classes (paired within a class by index), and writes a model bundle "
                + "holding everything the service needs, with one class anchor per training class and modality "
                + "(mean embedding of training samples). Other classes get no anchors unless --anchor-classes "
                + "asks: register them at run time with liquidstream anchors add, so the service's open-set "
                + "figures show what it recognises without training.",
            "Unless --no-open-set, the bundle also stores the open-set calibration: the trained classes "
                + "and, per query modality, the seen-class margin of calibrated stacking, chosen on a quarter "
                + "of the training classes held out as pseudo-unseen (one more training run, on the other "
                + "three quarters; no test data is read).",
            "A camera or array of any size trains with --input giving its sensor and how it maps onto the "
                + "reservoir, e.g. --input 'vision=sensor(320,240,2)|downsample(10,8)|fixed(50)'; the bundle "
                + "records the spec and the service accepts that sensor's packets (docs/input-spec.md).",
            "When the neural folder also holds the pen velocity of its training trials (train-velocity.h5, as "
                + "dataset strokes writes it), the bundle also gets the neural decoder: a ridge regression from the "
                + "carried liquid's recent rates to the velocity, which the service publishes per hop on its "
                + "decoded topic (docs/continuous-decoding.md)."
        })
final class TrainCommand implements Callable<Integer> {

    @Mixin
    PairOptions pair;

    @Option(names = "--train-classes", description = "Classes whose pairs train the heads. Default: 1-7 (audio); for "
            + "neural data every class but eval zero-shot's default unseen ones (digits: 0-7; letters: 10-31).")
    String trainClasses;

    @Option(names = "--anchor-classes", paramLabel = "CLASSES",
            description = "Classes to write anchors for (e.g. 0-9). Default: the training classes.")
    String anchorClasses;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model bundle to write (e.g. model.lsm).")
    Path out;

    @Mixin
    SeedOption seed;

    @Mixin
    PresetOption preset;

    @Mixin
    DeviceOption reservoir;

    @Option(names = "--anchor-samples", defaultValue = "20",
            description = "Training samples averaged into each class anchor. Default: ${DEFAULT-VALUE}.")
    int anchorSamples;

    @Option(names = "--no-open-set",
            description = "Skip the open-set calibration (saves one training run on 3/4 of the training classes).")
    boolean noOpenSet;

    @Option(names = "--decoder-per-class", defaultValue = "30", paramLabel = "N",
            description = "Training trials per class the neural decoder is fitted on (0: all). Default: ${DEFAULT-VALUE}.")
    int decoderPerClass;

    @Option(names = "--no-decoder", description = "Skip the neural decoder even when the pen velocity is there.")
    boolean noDecoder;

    @Mixin
    TrainingOptions training;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PairedData data = pair.load(preset.preset);
        TreeSet<Integer> train = new TreeSet<>(trainClasses != null ? PairedData.classes(trainClasses)
                : data.defaultTrainClasses(data.defaultZeroShotClasses()));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("pair", pair.pair);
        meta.put("loss", training.lossName());
        meta.put("preset", preset.preset.id());
        meta.put("created", Instant.now().toString());
        BundleTraining trainer = new BundleTraining(seed.seed, reservoir.device.weights(), anchorSamples,
                Runtime.getRuntime().availableProcessors(), !noOpenSet);
        if (anchorClasses != null) {
            trainer.anchorClasses(PairedData.classes(anchorClasses));
        }
        List<PairedModality> sides = data.encodings(training.segments());
        BundleTraining.Result result = trainer.train(sides.get(0), sides.get(1), train, training.shape(),
                training.config(seed.seed), meta, Progress::new);
        ModelBundle trained = result.bundle();
        Path neural = PairedData.parse(pair.pair).get("neural");
        boolean decodes = !noDecoder && neural != null && VelocityRecordings.present(neural, "train");
        if (decodes) {
            PrintWriter err = spec.commandLine().getErr();
            trained = DecoderTraining.fit(trained, "neural", neural, decoderPerClass, line -> {
                err.println("decoder: " + line);
                err.flush();
            });
        }
        ModelBundle bundle = trained;
        bundle.write(out);

        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s (version %s): %s + vision, %d training pairs, %d anchors, tau %.4f%n", out.toAbsolutePath(),
                bundle.version(), data.a().modality(), result.clip().pairs(), bundle.anchors().size(),
                result.clip().temperature());
        w.printf("settings: %s%n", RunSettings.zeroShot(SeedProtocols.zeroShot(data.a().modality()),
                training.config(seed.seed), training.shape(), data, training.segments()).line());
        for (ModalityModel m : bundle.modalities()) {
            w.printf("  %s input %s: %d reservoir inputs%n", m.name(), m.input().describe(), m.input().inputs());
        }
        if (decodes) {
            var d = bundle.modality("neural").decoder();
            w.printf("neural decoder: %s from rates over the latest %d bins, validation R2 %s%n", d.names(), d.bins(),
                    d.names().stream().map(n -> n + " " + bundle.metadata().get("decoder.neural.validationR2." + n)).toList());
        }
        bundle.openSet().ifPresent(c -> w.printf("open set: trained classes %s, seen-class margins %s (pseudo-unseen %s)%n",
                c.trainedClasses(), c.seenMargins(), bundle.metadata().get("openSetPseudoUnseen")));
        w.flush();
        return 0;
    }
}

package io.liquidstream.cli;

import io.liquidstream.connectors.datasets.PairedData;
import io.liquidstream.connectors.datasets.ReadoutSegments;
import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.core.evaluation.CrossModalTraining;
import io.liquidstream.core.evaluation.DeviceSweep;
import io.liquidstream.core.evaluation.LinearProbeMetric;
import io.liquidstream.core.evaluation.PairedModality;
import io.liquidstream.core.evaluation.SeedProtocols;
import io.liquidstream.core.evaluation.ZeroShotMetric;
import io.liquidstream.core.evaluation.ZeroShotProtocol;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.projection.ContrastiveTrainer;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.reservoir.RramDeviceModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liquidstream eval device}: linear-probe accuracy against each RRAM non-ideality, beside ideal weights. */
@Command(name = "device", header = "Probe and zero-shot accuracy against each RRAM non-ideality.",
        mixinStandardHelpOptions = true,
        description = "For each swept parameter, holds the others at the RRAM defaults (1-41 uS, 64 levels, "
                + "0.5 uS programming error, 10 %% read noise, no stuck devices), varies it, and measures the seed's "
                + "linear probe (final epoch) over --seeds reservoir seeds, beside ideal software weights with the "
                + "same seeds; with --pair, also cross-modal zero-shot accuracy (heads trained as eval zero-shot trains "
                + "them by default, mean of both directions over the unseen classes). Prints progress lines and a "
                + "table, and writes a PNG with one panel per parameter. "
                + "Parameters: levels (programmable states), program-noise (programming error std relative to the "
                + "target conductance, on top of the absolute 0.5 uS), read-noise (relative std per read), stuck "
                + "(fraction of devices stuck at gMin or gMax).")
final class EvalDeviceCommand implements Callable<Integer> {

    /** eval zero-shot's default head training (its TrainingOptions defaults); each run sets the seed. */
    static final ContrastiveTrainer.Config ZERO_SHOT_TRAINING = new ContrastiveTrainer.Config(100, 128, 1e-3, 0.01, 0.1,
            true, ContrastiveTrainer.LossKind.SUPCON, 0);
    private static final int ZERO_SHOT_TEST_PER_CLASS = 100;

    @Option(names = "--vision", paramLabel = "DIR",
            description = "N-MNIST layout folder (Train/<label>/*.bin, Test/<label>/*.bin): the linear probe.")
    Path vision;

    @Option(names = "--pair", paramLabel = "M=PATH,M=PATH",
            description = "Two modalities as eval zero-shot takes them (vision=DIR,audio=FILE or neural=DIR,vision=DIR): "
                    + "zero-shot accuracy on their default unseen classes, heads trained as eval zero-shot's defaults "
                    + "(supcon, AdamW lr 1e-3, weight decay 0.01, batch 128, 100 epochs, pd 64, standardised); --test-per-class "
                    + "queries per class (default 100).")
    String pair;

    @Mixin
    NeuralChannelsOption channels;

    @Option(names = "--sweep", paramLabel = "PARAM[=V1,V2,...]",
            description = "A parameter to sweep, with its values (repeatable): levels=2,4,8,16,64, "
                    + "program-noise=0,0.05,0.1,0.2,0.5, read-noise=0,0.05,0.1,0.2,0.5, stuck=0,0.01,0.05,0.1,0.3 "
                    + "(these values without '='). Default: all four.")
    List<String> sweep = new ArrayList<>();

    @Mixin
    SampleLimits limits;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per point (0..N-1). Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--epochs", description = "Training epochs of the probe and of the zero-shot heads (final epoch "
            + "used). Default: the seed's probe, " + SeedProtocols.NMNIST_PROBE_EPOCHS + "; eval zero-shot's, 100.")
    Integer epochs;

    @Option(names = "--figure", defaultValue = "device-sweep.png",
            description = "The figure (default: ${DEFAULT-VALUE}; 'none' skips it), a PNG with one panel per "
                    + "swept parameter.")
    String figure;

    @Mixin
    ThreadsOption threads;

    @Mixin
    PresetOption preset;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() throws IOException {
        if (vision == null && pair == null) {
            throw new IllegalArgumentException("give --vision DIR (linear probe), --pair M=PATH,M=PATH (zero-shot) or both");
        }
        long started = System.nanoTime();
        List<DeviceSweep.Axis> axes = sweep.isEmpty()
                ? Stream.of(DeviceSweep.Parameter.values()).map(DeviceSweep.Axis::of).toList()
                : sweep.stream().map(DeviceSweep.Axis::parse).toList();
        int workers = threads.workers();
        Map<String, DeviceSweep.Metric> metrics = new LinkedHashMap<>();
        Map<String, Object> described = new LinkedHashMap<>();
        ProbeData probe = vision != null ? probe(workers, metrics, described) : null;
        if (pair != null) {
            zeroShot(workers, metrics, described);
        }
        DeviceSweep.Result result = new DeviceSweep(RramDeviceModel.defaults(), axes, seeds, metrics,
                line -> System.err.println("eval device: " + line)).run();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!figure.equals("none")) {
            DeviceSweepFigure.write(Path.of(figure), String.join("; ", described.values().stream().map(Object::toString)
                    .toList()) + " (" + seeds + " seeds): accuracy against device non-idealities", result,
                    metrics.keySet().toArray(String[]::new));
        }
        output.print(() -> {
            Map<String, Object> m = DeviceSweepReport.fields(result);
            m.put("data", vision == null ? null : vision.toString());
            if (probe != null) {
                m.put("trainSamples", probe.trainSamples());
                m.put("testSamples", probe.testSamples());
                m.put("classes", probe.classes());
            }
            m.put("pair", pair);
            m.put("metrics", described);
            m.put("epochs", probe != null ? probe.config().epochs() : epochs != null ? epochs : ZERO_SHOT_TRAINING.epochs());
            m.put("preset", preset.preset.id());
            m.put("figure", figure.equals("none") ? null : Path.of(figure).toAbsolutePath().toString());
            m.put("seconds", Json.round(seconds, 1));
            return m;
        }, out -> {
            out.printf("device sweep, %d seeds: %s%n", seeds, String.join("; ", described.values().stream()
                    .map(Object::toString).toList()));
            DeviceSweepReport.table(result, out);
            if (!figure.equals("none")) {
                out.printf("  figure  %s%n", Path.of(figure).toAbsolutePath());
            }
            out.printf("  time    %.1f s%n", seconds);
        });
        return 0;
    }

    /** What the probe on {@code --vision} ran on: its training settings and the split's sizes. */
    private record ProbeData(ProbeConfig config, int trainSamples, int testSamples, int classes) {
    }

    /** The seed's linear probe on {@code --vision}. */
    private ProbeData probe(int workers, Map<String, DeviceSweep.Metric> metrics, Map<String, Object> described)
            throws IOException {
        if (!Files.isDirectory(vision)) {
            throw new IllegalArgumentException("--vision " + vision + " is not a folder");
        }
        List<LabeledSample> train = NmnistFolder.read(vision, "Train", limits.trainPerClass);
        List<LabeledSample> test = NmnistFolder.read(vision, "Test", limits.testPerClass);
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException(vision + " holds " + train.size() + " training and " + test.size()
                    + " test samples; both splits are needed");
        }
        int classes = Math.max(10, 1 + Stream.concat(train.stream(), test.stream()).mapToInt(LabeledSample::label)
                .max().orElse(9));
        SeedProtocols.LinearProbe protocol = SeedProtocols.probe(true).withInput(preset.preset.input(true));
        ProbeConfig config = epochs == null ? protocol.training() : protocol.training().withEpochs(epochs);
        metrics.put("probe", new LinearProbeMetric(protocol.input(), protocol.reservoir(), train, test, classes, config,
                preset.preset.readout(), workers));
        described.put("probe", "linear probe on " + vision.getFileName() + " (" + train.size() + " train / "
                + test.size() + " test, " + classes + " classes, " + config.epochs() + " epochs)");
        System.err.printf("eval device: probe: %d training, %d test samples, %d classes; %s%n", train.size(),
                test.size(), classes, RunSettings.probe(protocol, config, protocol.reservoir().spec(0), preset.preset)
                        .line());
        return new ProbeData(config, train.size(), test.size(), classes);
    }

    /** Zero-shot retrieval on {@code --pair}: its default unseen classes, eval zero-shot's default training. */
    private void zeroShot(int workers, Map<String, DeviceSweep.Metric> metrics, Map<String, Object> described)
            throws IOException {
        PairedData data = PairedData.load(pair, channels.neuralChannels, Map.of(), preset.preset);
        SortedSet<Integer> unseen = data.defaultZeroShotClasses();
        ZeroShotProtocol protocol = new ZeroShotProtocol(new ZeroShotProtocol.Config(data.defaultTrainClasses(unseen),
                unseen, limits.testPerClass > 0 ? limits.testPerClass : ZERO_SHOT_TEST_PER_CLASS));
        List<PairedModality> sides = data.encodings(ReadoutSegments.defaults());
        ContrastiveTrainer.Config training = epochs == null ? ZERO_SHOT_TRAINING : ZERO_SHOT_TRAINING.withEpochs(epochs);
        metrics.put("zero-shot", new ZeroShotMetric(sides.get(0), sides.get(1), protocol,
                CrossModalTraining.HeadShape.of(64), training, ZeroShotMetric.Direction.MEAN, workers));
        described.put("zero-shot", "zero-shot " + data.a().modality() + " <-> " + data.b().modality() + " on classes "
                + unseen + " (trained on " + protocol.config().trainClasses() + ", " + training.epochs()
                + " epochs), mean of both directions");
        System.err.printf("eval device: zero-shot: %s <-> %s, unseen classes %s, %d test samples per class%n",
                data.a().modality(), data.b().modality(), unseen, protocol.config().testPerClass());
    }
}

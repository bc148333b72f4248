package io.liquidstream.cli;

import io.liquidstream.connectors.format.nmnist.NmnistFolder;
import io.liquidstream.core.evaluation.DeviceSweep;
import io.liquidstream.core.evaluation.LinearProbeMetric;
import io.liquidstream.core.evaluation.SeedProtocols;
import io.liquidstream.core.event.LabeledSample;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.reservoir.RramDeviceModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liquidstream eval device}: linear-probe accuracy against each RRAM non-ideality, beside ideal weights. */
@Command(name = "device", header = "Probe accuracy against each RRAM non-ideality.",
        mixinStandardHelpOptions = true,
        description = "For each swept parameter, holds the others at the RRAM defaults (1-41 uS, 64 levels, "
                + "0.5 uS programming error, 10 %% read noise, no stuck devices), varies it, and measures the seed's "
                + "linear probe (final epoch) over --seeds reservoir seeds, beside ideal software weights with the "
                + "same seeds. Prints progress lines and a table, and writes a PNG with one panel per parameter. "
                + "Parameters: levels (programmable states), program-noise (programming error std relative to the "
                + "target conductance, on top of the absolute 0.5 uS), read-noise (relative std per read), stuck "
                + "(fraction of devices stuck at gMin or gMax).")
final class EvalDeviceCommand implements Callable<Integer> {

    @Option(names = "--vision", required = true, paramLabel = "DIR",
            description = "N-MNIST layout folder (Train/<label>/*.bin, Test/<label>/*.bin).")
    Path vision;

    @Option(names = "--sweep", paramLabel = "PARAM[=V1,V2,...]",
            description = "A parameter to sweep, with its values (repeatable): levels=2,4,8,16,64, "
                    + "program-noise=0,0.05,0.1,0.2,0.5, read-noise=0,0.05,0.1,0.2,0.5, stuck=0,0.01,0.05,0.1,0.3 "
                    + "(these values without '='). Default: all four.")
    List<String> sweep = new ArrayList<>();

    @Option(names = "--train-per-class", paramLabel = "N", defaultValue = "0",
            description = "Use at most N training samples per class (0 = all). Default: ${DEFAULT-VALUE}.")
    int trainPerClass;

    @Option(names = "--test-per-class", paramLabel = "N", defaultValue = "0",
            description = "Use at most N test samples per class (0 = all). Default: ${DEFAULT-VALUE}.")
    int testPerClass;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per point (0..N-1). Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--epochs", description = "Probe training epochs. Default: the seed's, "
            + SeedProtocols.NMNIST_PROBE_EPOCHS + ".")
    Integer epochs;

    @Option(names = "--figure", defaultValue = "device-sweep.png",
            description = "The figure (default: ${DEFAULT-VALUE}; 'none' skips it), a PNG with one panel per "
                    + "swept parameter.")
    String figure;

    @Option(names = "--threads", description = "Encoding threads. Default: number of processors.")
    Integer threads;

    @Mixin
    PresetOption preset;

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(vision)) {
            throw new IllegalArgumentException("--vision " + vision + " is not a folder");
        }
        long started = System.nanoTime();
        List<DeviceSweep.Axis> axes = sweep.isEmpty()
                ? Stream.of(DeviceSweep.Parameter.values()).map(DeviceSweep.Axis::of).toList()
                : sweep.stream().map(DeviceSweep.Axis::parse).toList();
        List<LabeledSample> train = NmnistFolder.read(vision, "Train", trainPerClass);
        List<LabeledSample> test = NmnistFolder.read(vision, "Test", testPerClass);
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException(vision + " holds " + train.size() + " training and " + test.size()
                    + " test samples; both splits are needed");
        }
        int classes = Math.max(10, 1 + Stream.concat(train.stream(), test.stream()).mapToInt(LabeledSample::label)
                .max().orElse(9));
        SeedProtocols.LinearProbe protocol = SeedProtocols.probe(true).withInput(preset.preset.input(true));
        ProbeConfig config = epochs == null ? protocol.training() : protocol.training().withEpochs(epochs);
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        LinearProbeMetric probe = new LinearProbeMetric(protocol.input(), protocol.reservoir(), train, test,
                classes, config, preset.preset.readout(), workers);
        System.err.printf("eval device: %d training, %d test samples, %d classes; %s; %d seeds%n", train.size(),
                test.size(), classes, RunSettings.probe(protocol, config,
                protocol.reservoir().spec(0), preset.preset).line(), seeds);
        DeviceSweep.Result result = new DeviceSweep(RramDeviceModel.defaults(), axes, seeds, Map.of("probe", probe),
                line -> System.err.println("eval device: " + line)).run();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!figure.equals("none")) {
            DeviceSweepFigure.write(Path.of(figure), "Linear probe on " + vision.getFileName() + " (" + train.size()
                    + " train / " + test.size() + " test, " + seeds + " seeds): accuracy against device non-idealities",
                    result, "probe");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> m = DeviceSweepReport.fields(result);
            m.put("data", vision.toString());
            m.put("trainSamples", train.size());
            m.put("testSamples", test.size());
            m.put("classes", classes);
            m.put("epochs", config.epochs());
            m.put("preset", preset.preset.id());
            m.put("figure", figure.equals("none") ? null : Path.of(figure).toAbsolutePath().toString());
            m.put("seconds", Json.round(seconds, 1));
            out.println(Json.line(m));
        } else {
            out.printf("device sweep on %s: %d train / %d test samples, %d classes, %d seeds, %d epochs%n", vision,
                    train.size(), test.size(), classes, seeds, config.epochs());
            DeviceSweepReport.table(result, out);
            if (!figure.equals("none")) {
                out.printf("  figure  %s%n", Path.of(figure).toAbsolutePath());
            }
            out.printf("  time    %.1f s%n", seconds);
        }
        out.flush();
        return 0;
    }
}

package io.liquidstream.cli;

import io.liquidstream.connectors.datasets.PairedData;
import io.liquidstream.connectors.datasets.ReadoutSegments;
import io.liquidstream.core.binning.InputSpec;
import io.liquidstream.core.evaluation.CrossModalTraining;
import io.liquidstream.core.evaluation.Readout;
import io.liquidstream.core.evaluation.ReadoutPreset;
import io.liquidstream.core.evaluation.SeedProtocols;
import io.liquidstream.core.projection.ContrastiveTrainer;
import io.liquidstream.core.readout.ProbeConfig;
import io.liquidstream.core.reservoir.ReservoirSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a run used: one {@code settings} line for a table and one {@code settings} object for
 * {@code --json}. Beside them, where the run departs from the seed's protocol for its data
 * ({@link SeedProtocols}), the seed's values ({@code differsFromSeed}) and the flags that give them
 * ({@code seedFlags}).
 */
record RunSettings(Map<String, Object> fields, String line) {

    /**
     * A linear probe: the settings {@code used}, and where they differ from the seed's {@code protocol}, the
     * seed's values and the flags that give them.
     */
    static RunSettings probe(SeedProtocols.LinearProbe protocol, ProbeConfig used, ReservoirSpec reservoir,
            ReadoutPreset preset) {
        ProbeConfig seed = protocol.training();
        Readout readout = preset.readout();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", protocol.dataSet() + " linear probe");
        m.put("preset", preset.id());
        m.put("reservoirCount", readout.reservoirs());
        m.put("segments", readout.segments());
        m.put("standardise", readout.standardise());
        m.put("epochs", used.epochs());
        m.put("optimiser", used.optimiser());
        m.put("learningRate", used.learningRate());
        m.put("weightDecay", used.weightDecay());
        m.put("batchSize", used.batchSize());
        m.put("input", protocol.input().describe());
        m.put("bins", protocol.input().binning().bins());
        m.put("reservoir", reservoir(reservoir));
        Map<String, Object> seedValues = new LinkedHashMap<>();
        List<String> seedFlags = new ArrayList<>();
        compare(seedValues, seedFlags, "epochs", used.epochs(), seed.epochs(), "--epochs");
        compare(seedValues, seedFlags, "learningRate", used.learningRate(), seed.learningRate(), "--lr");
        compare(seedValues, seedFlags, "batchSize", used.batchSize(), seed.batchSize(), "--batch-size");
        compare(seedValues, seedFlags, "preset", preset.id(), ReadoutPreset.SEED.id(), "--preset");
        putSeed(m, seedValues, seedFlags, protocol.script());
        String line = String.format("%s preset (%s); %s lr %s%s, batch %d, %d epochs; %s; %s", preset.id(),
                readout.describe(), used.optimiser(),
                plain(used.learningRate()), used.weightDecay() > 0 ? " weight decay " + plain(used.weightDecay()) : "",
                used.batchSize(), used.epochs(), input(protocol.input()),
                seedNote(protocol.dataSet() + " linear probe", seedFlags));
        return new RunSettings(m, line);
    }

    /**
     * Contrastive heads on a pairing: the settings {@code used}, and where they differ from the seed's
     * protocol for that pairing, the seed's values and the flags that give them.
     */
    static RunSettings zeroShot(SeedProtocols.ContrastiveZeroShot seed, ContrastiveTrainer.Config used,
            CrossModalTraining.HeadShape shape, PairedData data, ReadoutSegments segments) {
        PairedData.Side a = data.a();
        PairedData.Side b = data.b();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", seed.pair() + " contrastive zero-shot");
        m.put("loss", TrainingOptions.Loss.of(used.loss()).name());
        m.put("epochs", used.epochs());
        m.put("optimiser", optimiser(used.weightDecay()));
        m.put("learningRate", used.learningRate());
        m.put("weightDecay", used.weightDecay());
        m.put("batchSize", used.batchSize());
        m.put("projectionDim", shape.projectionDim());
        m.put("hidden", shape.hiddenDims());
        m.put("temperature", used.temperature());
        m.put("learnableTemperature", used.learnableTemperature());
        m.put("standardise", shape.standardise());
        putSides(m, data, segments);

        // the seed's value and its flag, for every setting where this run departs from the seed
        Map<String, Object> seedValues = new LinkedHashMap<>();
        List<String> seedFlags = new ArrayList<>();
        compare(seedValues, seedFlags, "loss", m.get("loss"), TrainingOptions.Loss.of(seed.loss()).name(), "--loss");
        compare(seedValues, seedFlags, "epochs", used.epochs(), seed.epochs(), "--epochs");
        compare(seedValues, seedFlags, "learningRate", used.learningRate(), seed.learningRate(), "--lr");
        compare(seedValues, seedFlags, "weightDecay", used.weightDecay(), seed.weightDecay(), "--weight-decay");
        compare(seedValues, seedFlags, "batchSize", used.batchSize(), seed.batchSize(), "--batch-size");
        compare(seedValues, seedFlags, "projectionDim", shape.projectionDim(), seed.projectionDim(), "--pd");
        if (seed.loss() != ContrastiveTrainer.LossKind.SEED_SOFT) { // --loss seed fixes tau at the seed's 1
            compare(seedValues, seedFlags, "temperature", used.temperature(), seed.temperature(), "--temperature");
        }
        if (shape.standardise() != seed.standardise()) {
            seedValues.put("standardise", seed.standardise());
            seedFlags.add(seed.standardise() ? "--standardise" : "--no-standardise");
        }
        if (segments.of(a) != seed.segments() || segments.of(b) != seed.segments()) {
            seedValues.put("segments", seed.segments());
            seedFlags.add("--segments " + seed.segments());
        }
        compare(seedValues, seedFlags, "preset", data.preset().id(), ReadoutPreset.SEED.id(), "--preset");
        putSeed(m, seedValues, seedFlags, seed.script());

        String line = String.format("%s preset; %s loss, %s lr %s%s, batch %d, %d epochs, pd %d, tau %s%s%s; %s %s, %s %s; %s",
                data.preset().id(), m.get("loss"), optimiser(used.weightDecay()), plain(used.learningRate()),
                used.weightDecay() > 0 ? " weight decay " + plain(used.weightDecay()) : "", used.batchSize(),
                used.epochs(), shape.projectionDim(), plain(used.temperature()),
                used.learnableTemperature() ? " (learned)" : "", shape.standardise() ? ", standardised" : "",
                a.modality(), input(a.input()), b.modality(), input(b.input()),
                seedNote(seed.pair() + " protocol", seedFlags));
        return new RunSettings(m, line);
    }

    /**
     * The prototype baseline on a pairing; {@code seed} is the seed's trained LSM-ProtoNet for it, or null
     * where the seed published none here.
     */
    static RunSettings prototypes(SeedProtocols.PrototypicalNetwork seed, String normalisation, double ridge,
            PairedData data, ReadoutSegments segments) {
        PairedData.Side a = data.a();
        PairedData.Side b = data.b();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", a.modality() + "-" + b.modality() + " prototype baseline");
        m.put("normalisation", normalisation);
        m.put("ridge", ridge);
        putSides(m, data, segments);
        String seedNote = "";
        if (seed != null) {
            Map<String, Object> sv = new LinkedHashMap<>();
            sv.put("method", "trained prototypical network");
            sv.put("epochs", seed.epochs());
            sv.put("optimiser", "Adam");
            sv.put("learningRate", seed.learningRate());
            sv.put("batchSize", seed.batchSize());
            sv.put("projectionDim", seed.projectionDim());
            sv.put("imageScale", seed.imageScale());
            sv.put("audioScale", seed.audioScale());
            m.put("seedMethod", sv);
            m.put("source", SeedProtocols.SOURCE + "/" + seed.script());
            seedNote = String.format("; not the seed's LSM-ProtoNet, which trains pd-%d projections (Adam lr %s, "
                    + "batch %d, %d epochs)", seed.projectionDim(), plain(seed.learningRate()), seed.batchSize(),
                    seed.epochs());
        }
        String line = String.format("%s preset; class prototypes (normalisation %s, ridge %s), no training; %s %s, %s %s%s",
                data.preset().id(), normalisation, plain(ridge), a.modality(), input(a.input()), b.modality(), input(b.input()), seedNote);
        return new RunSettings(m, line);
    }

    /** {@code differsFromSeed}: the seed's value of each setting this run changed; {@code seedFlags}: its flags. */
    private static void putSeed(Map<String, Object> m, Map<String, Object> seedValues, List<String> seedFlags,
            String script) {
        m.put("differsFromSeed", seedValues);
        m.put("seedFlags", String.join(" ", seedFlags));
        m.put("source", SeedProtocols.SOURCE + "/" + script);
    }

    private static String seedNote(String protocol, List<String> seedFlags) {
        return seedFlags.isEmpty() ? "the seed's " + protocol
                : "the seed's " + protocol + " would be: " + String.join(" ", seedFlags);
    }

    private static void compare(Map<String, Object> seedValues, List<String> flags, String key, Object used,
            Object seed, String flag) {
        if (!used.equals(seed)) {
            seedValues.put(key, seed);
            flags.add(flag + " " + (seed instanceof Double d ? plain(d) : seed));
        }
    }

    /** Per modality: read-out segments, input spec (sensor, transforms, binning) and reservoir. */
    private static void putSides(Map<String, Object> m, PairedData data, ReadoutSegments segments) {
        Map<String, Object> seg = new LinkedHashMap<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        Map<String, Object> reservoirs = new LinkedHashMap<>();
        Map<String, Object> banks = new LinkedHashMap<>();
        for (PairedData.Side side : List.of(data.a(), data.b())) {
            seg.put(side.modality(), segments.of(side));
            inputs.put(side.modality(), side.input().describe());
            reservoirs.put(side.modality(), reservoir(side.reservoir(0)));
            banks.put(side.modality(), side.reservoirs());
        }
        m.put("preset", data.preset().id());
        m.put("reservoirCount", banks);
        m.put("segments", seg);
        m.put("inputs", inputs);
        m.put("reservoirs", reservoirs);
    }

    static Map<String, Object> reservoir(ReservoirSpec r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputs", r.inputs());
        m.put("neurons", r.neurons());
        m.put("bins", r.bins());
        m.put("decay", r.decay());
        m.put("threshold", r.threshold());
        m.put("scale", r.scale());
        return m;
    }

    static String input(InputSpec input) {
        return input.binning().bins() + " bins (" + input.describe() + ")";
    }

    static String optimiser(double weightDecay) {
        return weightDecay > 0 ? "AdamW" : "Adam";
    }

    /** {@code 0.0006} rather than {@code 6.0E-4}. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}

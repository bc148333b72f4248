package io.liquidstream.cli;

import io.liquidstream.core.evaluation.ReadoutPreset;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code --preset}: how the fixed random liquid is read, the same on every command that builds one. */
final class PresetOption {

    static final String HELP = "Read-out of the fixed random liquid (its weights are never trained): seed (the "
            + "seed's: one 200-neuron reservoir, whole-window firing rates of a 16x16 crop of one polarity or of "
            + "the 64 audio channels) or best (the whole sensor in both polarities down-sampled 2x2, "
            + "5 independent reservoirs side by side, firing rates in 4 parts of the window, standardised; "
            + "docs/presets.md). An --input spec replaces the preset's input. Default: ${DEFAULT-VALUE}.";

    @Option(names = "--preset", defaultValue = "seed", paramLabel = "seed|best", converter = Converter.class,
            description = HELP)
    ReadoutPreset preset;

    static final class Converter implements ITypeConverter<ReadoutPreset> {
        @Override
        public ReadoutPreset convert(String value) {
            return ReadoutPreset.of(value);
        }
    }
}

package io.liquidstream.cli;

import io.liquidstream.connectors.datasets.PairedData;
import io.liquidstream.core.evaluation.ReadoutPreset;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The paired data set that eval zero-shot evaluates and train trains on: {@code --pair}, with the electrodes
 * of its neural side ({@code --neural-channels}) and how each modality becomes input ({@code --input}).
 */
final class PairOptions {

    static final String HELP = "vision=DIR,audio=FILE (N-MNIST layout + N-TIDIGITS HDF5) or neural=DIR,vision=DIR "
            + "(DIR holding train.h5 and test.h5 in the SHD layout, or shd_train.h5 and shd_test.h5).";

    @Option(names = "--pair", required = true, paramLabel = "M=PATH,M=PATH", description = HELP)
    String pair;

    @Mixin
    NeuralChannelsOption channels;

    @Mixin
    InputOptions inputs;

    /** The two modalities' samples, encoded for {@code preset}'s read-out. */
    PairedData load(ReadoutPreset preset) throws IOException {
        return PairedData.load(pair, channels.neuralChannels, inputs.specs(), preset);
    }
}

package io.liquidstream.cli;

import picocli.CommandLine.Option;

/** {@code --neural-channels}: the electrode count of neural recordings, the same on every command that reads them. */
final class NeuralChannelsOption {

    static final String HELP = "Electrodes of the neural recordings (SHD layout; real SHD: 700). Default: "
            + "${DEFAULT-VALUE}.";

    @Option(names = "--neural-channels", defaultValue = "192", paramLabel = "N", description = HELP)
    int neuralChannels;
}

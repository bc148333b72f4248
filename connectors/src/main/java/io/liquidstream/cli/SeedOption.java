package io.liquidstream.cli;

import picocli.CommandLine.Option;

/** {@code --seed}: the one seed of a command that builds a model (reservoir, read-out), 0 unless given. */
final class SeedOption {

    @Option(names = "--seed", defaultValue = "0", description = OptionTexts.SEED)
    long seed;
}

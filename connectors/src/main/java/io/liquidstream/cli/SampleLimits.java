package io.liquidstream.cli;

import picocli.CommandLine.Option;

/**
 * {@code --train-per-class}, {@code --test-per-class}: a cap on the samples read per class from a data set's
 * splits, for a quicker run on part of it; 0 reads them all.
 */
final class SampleLimits {

    @Option(names = "--train-per-class", paramLabel = "N", defaultValue = "0",
            description = "Use at most N training samples per class (0 = all). Default: ${DEFAULT-VALUE}.")
    int trainPerClass;

    @Option(names = "--test-per-class", paramLabel = "N", defaultValue = "0",
            description = "Use at most N test samples per class (0 = all). Default: ${DEFAULT-VALUE}.")
    int testPerClass;
}

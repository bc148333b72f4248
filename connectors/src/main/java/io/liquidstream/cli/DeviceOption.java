package io.liquidstream.cli;

import io.liquidstream.core.bundle.DeviceKind;
import picocli.CommandLine.Option;

/** {@code --device}: where the reservoir's weights come from, the same on every command that builds a reservoir. */
final class DeviceOption {

    static final String HELP = "Reservoir weights: ideal (software Gaussians) or rram (the resistive-memory device "
            + "model). Default: ${DEFAULT-VALUE}.";

    @Option(names = "--device", defaultValue = "ideal", paramLabel = "ideal|rram", description = HELP)
    DeviceKind device;
}

package io.liquidstream.core.bundle;

import io.liquidstream.core.reservoir.RramDeviceModel;
import io.liquidstream.core.reservoir.WeightSource;

/**
 * Where reservoir weights come from, as a command names it: ideal software Gaussians or the RRAM device
 * model at its defaults. Lower-case constants because they are the spelling on the command line.
 */
public enum DeviceKind {
    ideal(new WeightSourceSpec.Ideal()),
    rram(new WeightSourceSpec.Rram(RramDeviceModel.defaults()));

    private final WeightSourceSpec spec;

    DeviceKind(WeightSourceSpec spec) {
        this.spec = spec;
    }

    /** A fresh weight source of this kind. */
    public WeightSource weights() {
        return spec.toWeightSource();
    }
}

package io.liquidstream.cli;

import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.reservoir.RramDeviceModel;
import io.liquidstream.core.reservoir.RramDifferentialPairWeights;
import io.liquidstream.core.reservoir.WeightSource;

/** Where reservoir weights come from: ideal software Gaussians or the RRAM device model. */
enum DeviceKind {
    ideal {
        @Override
        WeightSource weights() {
            return new IdealGaussianWeights();
        }
    },
    rram {
        @Override
        WeightSource weights() {
            return new RramDifferentialPairWeights(RramDeviceModel.defaults());
        }
    };

    abstract WeightSource weights();
}

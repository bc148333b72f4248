package io.liquidstream.core.reservoir;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Weights as an RRAM crossbar would hold them. Each ideal Gaussian target {@code w} (from
 * {@link IdealGaussianWeights} with the same spec) becomes a differential conductance
 * {@code d = w / c} with {@code c = spec.scale()} per µS — the seed's statistics are measured
 * differential conductances in µS, so this is the physical reading of its scale constant. The
 * positive part of {@code d} is programmed on top of {@code gMin} into G+, the negative part into G-,
 * the partner device idles at {@code gMin}; both pass through {@link RramDeviceModel#program}, and the
 * weight is {@code c (G+ - G-)}. Programming errors come from their own stream of the spec's seed,
 * so a seed still fixes the whole device state; so do the stuck devices, drawn from another stream (and
 * only when the model has any, so fault-free weights are those of earlier releases). Read noise is applied
 * by the reservoir on every read.
 */
public final class RramDifferentialPairWeights implements WeightSource {

    private final RramDeviceModel device;

    public RramDifferentialPairWeights(RramDeviceModel device) {
        this.device = Objects.requireNonNull(device, "device");
    }

    /** With {@link RramDeviceModel#defaults()}. */
    public RramDifferentialPairWeights() {
        this(RramDeviceModel.defaults());
    }

    public RramDeviceModel device() {
        return device;
    }

    @Override
    public ReservoirWeights weights(ReservoirSpec spec) {
        ReservoirWeights targets = new IdealGaussianWeights().weights(spec);
        GaussianStream programmingError =
                new GaussianStream(SeedStreams.stream(spec.seed(), SeedStreams.PROGRAMMING_NOISE));
        SplittableRandom faults = device.stuckFraction() > 0
                ? SeedStreams.stream(spec.seed(), SeedStreams.STUCK_DEVICES) : null;
        float[][] input = targets.inputRows();
        float[][] recurrent = targets.recurrentRows();
        for (float[] row : input) {
            realise(row, spec.scale(), programmingError, faults);
        }
        for (float[] row : recurrent) {
            realise(row, spec.scale(), programmingError, faults);
        }
        return ReservoirWeights.ofRows(input, recurrent, device.readNoise());
    }

    /** Replaces each target weight in place (the targets are private to this call) by what its pair holds. */
    private void realise(float[] weights, double c, GaussianStream programmingError, SplittableRandom faults) {
        for (int k = 0; k < weights.length; k++) {
            double d = c == 0 ? 0 : weights[k] / c;
            double gPlus = device.program(device.gMin() + Math.max(d, 0), programmingError.next());
            double gMinus = device.program(device.gMin() + Math.max(-d, 0), programmingError.next());
            if (faults != null) {
                gPlus = device.stuck(gPlus, faults.nextDouble(), faults.nextDouble());
                gMinus = device.stuck(gMinus, faults.nextDouble(), faults.nextDouble());
            }
            weights[k] = (float) (c * (gPlus - gMinus));
        }
    }

    @Override
    public String toString() {
        return "RramDifferentialPairWeights" + device;
    }
}

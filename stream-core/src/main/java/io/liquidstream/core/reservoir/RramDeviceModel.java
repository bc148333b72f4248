package io.liquidstream.core.reservoir;

/**
 * Non-idealities of resistive memory (RRAM) cells holding the reservoir weights as differential pairs
 * {@code W = c (G+ - G-)}, conductances in µS.
 *
 * <p>Programming a cell to a target conductance {@code g} lands at {@code g + z·σ(g)} with
 * {@code σ(g) = sqrt(σ_abs² + (σ_rel·g)²)}, is clamped to the window {@code [gMin, gMax]} and then
 * snapped to one of {@code levels} evenly spaced states. Each later read of a weight is multiplied by
 * {@code 1 + readNoise·z'} with a fresh {@code z'}. A fraction {@code stuckFraction} of the devices are
 * faulty: they ignore programming and hold {@code gMin} (stuck-off) or {@code gMax} (stuck-on), with equal
 * odds; which devices and which state is drawn from the reservoir seed.
 *
 * <p>Defaults and why: the seed's measured differential conductance has std ≈ 6.6 µS, so a 1–41 µS
 * window (a high-resistance floor of 1 µS, 40 µS of range) holds ±6 σ without clipping; 64 levels
 * (6 bits) is what multi-level RRAM arrays typically reach with write-verify, a step of 0.63 µS ≈ 0.1 σ;
 * write-verify tolerance of 0.5 µS absolute; read noise 10 % of |w| as in DESIGN §5.2.
 *
 * @param gMin lowest programmable conductance (µS), also the state of the idle device of a pair
 * @param gMax highest programmable conductance (µS)
 * @param levels number of distinct programmable states, at least 2
 * @param programmingSigmaAbsolute absolute programming error std (µS)
 * @param programmingSigmaRelative programming error std relative to the target conductance
 * @param readNoise relative std of the multiplicative noise drawn on every read
 * @param stuckFraction fraction of devices stuck at {@code gMin} or {@code gMax}, in {@code [0, 1]}; 0 by default
 */
public record RramDeviceModel(double gMin, double gMax, int levels, double programmingSigmaAbsolute,
                              double programmingSigmaRelative, double readNoise, double stuckFraction) {

    /** So many levels that quantisation is below float resolution of typical weights. */
    public static final int CONTINUOUS = Integer.MAX_VALUE;

    public RramDeviceModel {
        if (!Double.isFinite(gMin) || !Double.isFinite(gMax) || gMin < 0 || gMax <= gMin) {
            throw new IllegalArgumentException("conductance window must satisfy 0 <= gMin < gMax, found ["
                    + gMin + ", " + gMax + "] µS");
        }
        if (levels < 2) {
            throw new IllegalArgumentException("levels must be at least 2, found " + levels);
        }
        requireNonNegative("programmingSigmaAbsolute", programmingSigmaAbsolute);
        requireNonNegative("programmingSigmaRelative", programmingSigmaRelative);
        requireNonNegative("readNoise", readNoise);
        if (!(stuckFraction >= 0 && stuckFraction <= 1)) {
            throw new IllegalArgumentException("stuckFraction must be in [0, 1], found " + stuckFraction);
        }
    }

    /** Without stuck devices. */
    public RramDeviceModel(double gMin, double gMax, int levels, double programmingSigmaAbsolute,
            double programmingSigmaRelative, double readNoise) {
        this(gMin, gMax, levels, programmingSigmaAbsolute, programmingSigmaRelative, readNoise, 0.0);
    }

    /** Realistic RRAM: 1–41 µS, 64 levels, 0.5 µS programming error, 10 % read noise. */
    public static RramDeviceModel defaults() {
        return new RramDeviceModel(1.0, 41.0, 64, 0.5, 0.0, 0.10);
    }

    /** A perfect device in the default window: exact programming, continuous levels, exact reads. */
    public static RramDeviceModel ideal() {
        return new RramDeviceModel(1.0, 41.0, CONTINUOUS, 0.0, 0.0, 0.0);
    }

    public RramDeviceModel withWindow(double newGMin, double newGMax) {
        return new RramDeviceModel(newGMin, newGMax, levels, programmingSigmaAbsolute, programmingSigmaRelative,
                readNoise, stuckFraction);
    }

    public RramDeviceModel withLevels(int newLevels) {
        return new RramDeviceModel(gMin, gMax, newLevels, programmingSigmaAbsolute, programmingSigmaRelative,
                readNoise, stuckFraction);
    }

    public RramDeviceModel withProgrammingNoise(double sigmaAbsolute, double sigmaRelative) {
        return new RramDeviceModel(gMin, gMax, levels, sigmaAbsolute, sigmaRelative, readNoise, stuckFraction);
    }

    public RramDeviceModel withReadNoise(double newReadNoise) {
        return new RramDeviceModel(gMin, gMax, levels, programmingSigmaAbsolute, programmingSigmaRelative,
                newReadNoise, stuckFraction);
    }

    public RramDeviceModel withStuckFraction(double fraction) {
        return new RramDeviceModel(gMin, gMax, levels, programmingSigmaAbsolute, programmingSigmaRelative,
                readNoise, fraction);
    }

    /**
     * The conductance of a device after programming, given two uniform draws in {@code [0, 1)}: it is stuck
     * when {@code u < stuckFraction}, then at {@code gMax} when {@code v < 0.5} and {@code gMin} otherwise;
     * a working device holds {@code programmed}.
     */
    public double stuck(double programmed, double u, double v) {
        if (u >= stuckFraction) {
            return programmed;
        }
        return v < 0.5 ? gMax : gMin;
    }

    /**
     * The conductance a cell holds after programming it to {@code target} µS, given the standard
     * normal draw {@code z} of its programming error: perturbed, clamped to the window, quantised.
     */
    public double program(double target, double z) {
        double sigma = Math.sqrt(programmingSigmaAbsolute * programmingSigmaAbsolute
                + programmingSigmaRelative * target * programmingSigmaRelative * target);
        return quantise(clamp(target + z * sigma));
    }

    /** Clamps a conductance to {@code [gMin, gMax]}. */
    public double clamp(double g) {
        return Math.min(gMax, Math.max(gMin, g));
    }

    /** Snaps a conductance inside the window to the nearest of the {@code levels} states. */
    public double quantise(double g) {
        double step = (gMax - gMin) / (levels - 1);
        return gMin + Math.rint((g - gMin) / step) * step;
    }

    private static void requireNonNegative(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, found " + value);
        }
    }
}

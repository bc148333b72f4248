package io.liquidstream.connectors.synth.strokes;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A simulated motor-cortex population recorded on an intracortical array while its owner writes
 * (or imagines writing) with a pen: one unit per electrode, Poisson spiking.
 *
 * <p>Each unit follows rectified linear cosine tuning to pen velocity,
 * {@code r = max(0, b + d·(v·u)/v₀ + s·|v|/v₀ + q·pen)}, where {@code u} is the unit's preferred
 * direction and {@code v₀} a typical writing speed; a minority of units is mainly speed-tuned
 * ({@code s}) or pen-contact-tuned ({@code q}), a few electrodes are dead (near-silent) and a few
 * pick up untuned high-rate noise. Firing leads the movement by {@link Config#neuralLeadMicros}. A
 * recording holds {@link Config#leadMicros} of preparation before the pen starts and
 * {@link Config#lagMicros} after it stops, with the pen still (baseline firing).
 *
 * <p>The population (tuning of every unit) is fixed by the population seed; each trial seed adds a
 * small gain drift, across the population and per unit, and a jitter of the neural lead, so that
 * repetitions of one character differ as real trials do.
 */
public final class MotorCortexModel {

    /** No unit fires faster than this, roughly what refractoriness allows for sustained firing. */
    private static final double MAX_RATE_HZ = 200;

    /**
     * @param electrodes units recorded, one per electrode (192 as in a two-array human BMI)
     * @param baselineHz median baseline rate; units spread log-normally around it
     * @param maxModulationHz largest velocity modulation at the typical speed in the preferred direction
     * @param leadMicros still period recorded before the pen starts
     * @param lagMicros still period recorded after the pen stops
     * @param neuralLeadMicros how long firing precedes the movement it encodes
     * @param leadJitterMicros per-trial standard deviation of that lead
     * @param typicalSpeed pen speed (unit-box lengths per second) at which modulation reaches its depth
     * @param speedTunedFraction units driven mainly by speed rather than direction
     * @param penTunedFraction units that also fire more while the pen touches the paper
     * @param deadFraction electrodes that record (almost) nothing
     * @param noisyFraction electrodes that record untuned high-rate activity
     * @param gainDriftSd per-trial log-gain drift shared by the population
     * @param unitJitterSd per-trial log-gain jitter of each unit
     * @param stepMicros time step over which rates are held constant
     */
    public record Config(int electrodes, double baselineHz, double maxModulationHz, long leadMicros, long lagMicros,
            long neuralLeadMicros, long leadJitterMicros, double typicalSpeed, double speedTunedFraction,
            double penTunedFraction, double deadFraction, double noisyFraction, double gainDriftSd,
            double unitJitterSd, long stepMicros) {

        public Config {
            if (electrodes <= 0) {
                throw new IllegalArgumentException("electrodes must be positive, found " + electrodes);
            }
            if (!(baselineHz >= 0) || !(maxModulationHz >= 0) || !(typicalSpeed > 0)) {
                throw new IllegalArgumentException("rates must be >= 0 and typical speed > 0, found baseline "
                        + baselineHz + " Hz, modulation " + maxModulationHz + " Hz, typical speed " + typicalSpeed);
            }
            if (leadMicros < 0 || lagMicros < 0 || neuralLeadMicros < 0 || leadJitterMicros < 0 || stepMicros <= 0) {
                throw new IllegalArgumentException("durations must be >= 0 and the step > 0, found lead " + leadMicros
                        + ", lag " + lagMicros + ", neural lead " + neuralLeadMicros + ", jitter " + leadJitterMicros
                        + ", step " + stepMicros + " us");
            }
            double fractions = speedTunedFraction + penTunedFraction + deadFraction + noisyFraction;
            if (speedTunedFraction < 0 || penTunedFraction < 0 || deadFraction < 0 || noisyFraction < 0
                    || fractions > 1) {
                throw new IllegalArgumentException("unit-type fractions must be >= 0 and sum to at most 1, found "
                        + speedTunedFraction + " + " + penTunedFraction + " + " + deadFraction + " + " + noisyFraction);
            }
            if (!(gainDriftSd >= 0) || !(unitJitterSd >= 0)) {
                throw new IllegalArgumentException("gain drift must be >= 0, found " + gainDriftSd + " and "
                        + unitJitterSd);
            }
        }

        public static Config defaults() {
            return new Config(192, 10, 20, 300_000, 200_000, 100_000, 30_000, 2.0, 0.15, 0.10, 0.05, 0.04, 0.15,
                    0.20, 1_000);
        }

        /** The same population model recorded on {@code count} electrodes. */
        public Config withElectrodes(int count) {
            return new Config(count, baselineHz, maxModulationHz, leadMicros, lagMicros, neuralLeadMicros,
                    leadJitterMicros, typicalSpeed, speedTunedFraction, penTunedFraction, deadFraction, noisyFraction,
                    gainDriftSd, unitJitterSd, stepMicros);
        }
    }

    /** One unit's tuning: rates in Hz, preferred direction in radians in image coordinates (y downwards). */
    public record Unit(double baselineHz, double depthHz, double preferredDirection, double speedGainHz,
            double penGainHz) {
    }

    private final Config cfg;
    private final SensorGeometry geometry;
    private final double[] baseline;
    private final double[] cosPd;
    private final double[] sinPd;
    private final double[] depth;
    private final double[] speedGain;
    private final double[] penGain;
    private final double[] pd;

    /** A population whose tuning is fixed by {@code populationSeed}. */
    public MotorCortexModel(Config cfg, long populationSeed) {
        this.cfg = cfg;
        this.geometry = SensorGeometry.channels(cfg.electrodes());
        int n = cfg.electrodes();
        baseline = new double[n];
        depth = new double[n];
        pd = new double[n];
        cosPd = new double[n];
        sinPd = new double[n];
        speedGain = new double[n];
        penGain = new double[n];
        SplittableRandom rng = new SplittableRandom(populationSeed);
        for (int i = 0; i < n; i++) {
            pd[i] = 2 * Math.PI * rng.nextDouble();
            cosPd[i] = Math.cos(pd[i]);
            sinPd[i] = Math.sin(pd[i]);
            baseline[i] = Math.max(1, Math.min(40, cfg.baselineHz() * Math.exp(0.35 * rng.nextGaussian())));
            depth[i] = cfg.maxModulationHz() * (0.4 + 0.6 * rng.nextDouble());
            double kind = rng.nextDouble();
            double speedEdge = cfg.speedTunedFraction();
            double penEdge = speedEdge + cfg.penTunedFraction();
            double deadEdge = penEdge + cfg.deadFraction();
            double noisyEdge = deadEdge + cfg.noisyFraction();
            if (kind < speedEdge) {
                speedGain[i] = depth[i] * 0.8;
                depth[i] *= 0.3;
            } else if (kind < penEdge) {
                penGain[i] = cfg.maxModulationHz() * (0.3 + 0.4 * rng.nextDouble());
            } else if (kind < deadEdge) {
                baseline[i] = 0.2;
                depth[i] = 0;
            } else if (kind < noisyEdge) {
                baseline[i] = 40 + 40 * rng.nextDouble();
                depth[i] = 0;
            }
        }
    }

    public Config config() {
        return cfg;
    }

    public SensorGeometry geometry() {
        return geometry;
    }

    public Unit unit(int electrode) {
        return new Unit(baseline[electrode], depth[electrode], pd[electrode], speedGain[electrode], penGain[electrode]);
    }

    /** Duration of a recording of {@code trajectory}: preparation, writing, and the still period after. */
    public long recordingMicros(PenTrajectory trajectory) {
        return cfg.leadMicros() + Math.round(trajectory.durationSeconds() * 1e6) + cfg.lagMicros();
    }

    /**
     * Spikes of the population during one trial of writing {@code trajectory}; {@code x} is the
     * electrode, times are microseconds from the start of the recording, in order.
     */
    public Events record(PenTrajectory trajectory, long trialSeed) {
        SplittableRandom rng = new SplittableRandom(trialSeed);
        int n = cfg.electrodes();
        // This trial's tuning coefficients, gain drift folded in, so the inner loop is a few multiply-adds.
        double[] b = new double[n];
        double[] wx = new double[n];
        double[] wy = new double[n];
        double[] ws = new double[n];
        double[] wp = new double[n];
        double shared = Math.exp(cfg.gainDriftSd() * rng.nextGaussian());
        for (int i = 0; i < n; i++) {
            double gain = shared * Math.exp(cfg.unitJitterSd() * rng.nextGaussian());
            b[i] = gain * baseline[i];
            wx[i] = gain * depth[i] * cosPd[i];
            wy[i] = gain * depth[i] * sinPd[i];
            ws[i] = gain * speedGain[i];
            wp[i] = gain * penGain[i];
        }
        double leadSeconds = (cfg.neuralLeadMicros() + cfg.leadJitterMicros() * rng.nextGaussian()) / 1e6;
        double[] vx = trajectory.velocityX();
        double[] vy = trajectory.velocityY();
        double rate = trajectory.sampleRateHz();
        int samples = trajectory.size();

        long total = recordingMicros(trajectory);
        long step = cfg.stepMicros();
        double stepSeconds = step / 1e6;
        int steps = (int) ((total + step - 1) / step);
        // Time-rescaling: each unit spikes when its integrated rate has used up an Exp(1) budget.
        double[] budget = new double[n];
        for (int i = 0; i < n; i++) {
            budget[i] = exponential(rng);
        }
        Events.Builder out = Events.builder(geometry, expectedSpikes(total));
        long[] stepTimes = new long[64];
        int[] stepUnits = new int[64];
        for (int k = 0; k < steps; k++) {
            long stepStart = k * step;
            long stepLength = Math.min(step, total - stepStart);
            double movementTime = (stepStart + stepLength / 2.0) / 1e6 - cfg.leadMicros() / 1e6 + leadSeconds;
            double pos = movementTime * rate;
            double mx = 0;
            double my = 0;
            double pen = 0;
            if (pos >= 0 && pos <= samples - 1) {
                int j = Math.min(samples - 2, (int) pos);
                double f = pos - j;
                mx = (vx[j] + f * (vx[j + 1] - vx[j])) / cfg.typicalSpeed();
                my = (vy[j] + f * (vy[j + 1] - vy[j])) / cfg.typicalSpeed();
                pen = trajectory.penDown(f < 0.5 ? j : j + 1) ? 1 : 0;
            }
            double speed = Math.hypot(mx, my);
            int count = 0;
            double available = stepSeconds * stepLength / step;
            for (int i = 0; i < n; i++) {
                double r = b[i] + wx[i] * mx + wy[i] * my + ws[i] * speed + wp[i] * pen;
                double integral = Math.min(MAX_RATE_HZ, Math.max(0, r)) * available;
                double used = 0;
                while (budget[i] < integral - used) {
                    used += budget[i];
                    budget[i] = exponential(rng);
                    if (count == stepTimes.length) {
                        stepTimes = Arrays.copyOf(stepTimes, count * 2);
                        stepUnits = Arrays.copyOf(stepUnits, count * 2);
                    }
                    stepTimes[count] = stepStart + (long) (used / integral * stepLength);
                    stepUnits[count] = i;
                    count++;
                }
                budget[i] -= integral - used;
            }
            insertionSort(stepTimes, stepUnits, count);
            for (int s = 0; s < count; s++) {
                out.add(stepTimes[s], stepUnits[s], 0, 0);
            }
        }
        return out.build();
    }

    private int expectedSpikes(long micros) {
        return (int) Math.min(1 << 20, cfg.electrodes() * (cfg.baselineHz() + cfg.maxModulationHz() / 2) * micros / 1e6);
    }

    private static double exponential(SplittableRandom rng) {
        return -Math.log(1 - rng.nextDouble());
    }

    /** Spikes within one step are few, so a simple stable insertion sort keeps electrodes in order at ties. */
    private static void insertionSort(long[] t, int[] u, int count) {
        for (int a = 1; a < count; a++) {
            long tk = t[a];
            int uk = u[a];
            int b = a - 1;
            while (b >= 0 && t[b] > tk) {
                t[b + 1] = t[b];
                u[b + 1] = u[b];
                b--;
            }
            t[b + 1] = tk;
            u[b + 1] = uk;
        }
    }
}

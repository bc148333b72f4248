package io.liquidstream.core.evaluation;

import io.liquidstream.core.reservoir.IdealGaussianWeights;
import io.liquidstream.core.reservoir.RramDeviceModel;
import io.liquidstream.core.reservoir.RramDifferentialPairWeights;
import io.liquidstream.core.reservoir.WeightSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The accuracy cost of RRAM non-idealities: for each swept {@link Parameter}, the other parameters are held at
 * a base device model (the RRAM defaults) while it takes each of its values; every point is measured by each
 * {@link Metric} over seeds {@code 0..seeds-1}, beside ideal software weights with the same seeds. A device
 * model met twice (a swept value equal to the base's) is measured once.
 */
public final class DeviceSweep {

    /** A device non-ideality the sweep can vary. */
    public enum Parameter {
        /** Programmable conductance states ({@link RramDeviceModel#levels()}). */
        LEVELS("levels", List.of(2.0, 4.0, 8.0, 16.0, 64.0)),
        /** Programming error std relative to the target conductance; the absolute part stays the base's. */
        PROGRAM_NOISE("program-noise", List.of(0.0, 0.05, 0.1, 0.2, 0.5)),
        /** Relative std of the multiplicative noise on every read. */
        READ_NOISE("read-noise", List.of(0.0, 0.05, 0.1, 0.2, 0.5)),
        /** Fraction of devices stuck at {@code gMin} or {@code gMax}. */
        STUCK("stuck", List.of(0.0, 0.01, 0.05, 0.1, 0.3));

        private final String key;
        private final List<Double> defaultValues;

        Parameter(String key, List<Double> defaultValues) {
            this.key = key;
            this.defaultValues = defaultValues;
        }

        /** The name on the command line and in reports, e.g. {@code read-noise}. */
        public String key() {
            return key;
        }

        public List<Double> defaultValues() {
            return defaultValues;
        }

        /** The base model with this parameter set to {@code value}. */
        public RramDeviceModel apply(RramDeviceModel base, double value) {
            return switch (this) {
                case LEVELS -> {
                    if (value != Math.rint(value) || value < 2) {
                        throw new IllegalArgumentException("levels must be a whole number >= 2, found " + value);
                    }
                    yield base.withLevels((int) value);
                }
                case PROGRAM_NOISE -> base.withProgrammingNoise(base.programmingSigmaAbsolute(), value);
                case READ_NOISE -> base.withReadNoise(value);
                case STUCK -> base.withStuckFraction(value);
            };
        }

        /** This parameter's value in {@code device}. */
        public double valueIn(RramDeviceModel device) {
            return switch (this) {
                case LEVELS -> device.levels();
                case PROGRAM_NOISE -> device.programmingSigmaRelative();
                case READ_NOISE -> device.readNoise();
                case STUCK -> device.stuckFraction();
            };
        }

        /** @throws IllegalArgumentException naming the known keys */
        public static Parameter of(String key) {
            for (Parameter p : values()) {
                if (p.key.equals(key)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("expected a device parameter levels, program-noise, read-noise or "
                    + "stuck, found '" + key + "'");
        }
    }

    /** One swept parameter and its values, in order. */
    public record Axis(Parameter parameter, List<Double> values) {
        public Axis {
            Objects.requireNonNull(parameter, "parameter");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException(parameter.key() + " needs at least one value");
            }
        }

        /** The parameter with its default values. */
        public static Axis of(Parameter parameter) {
            return new Axis(parameter, parameter.defaultValues());
        }

        /**
         * Parses {@code key=v1,v2,...} (or a bare {@code key} for the default values), e.g. {@code stuck=0,0.05}.
         *
         * @throws IllegalArgumentException for an unknown key or a value that is not a number
         */
        public static Axis parse(String text) {
            int eq = text.indexOf('=');
            Parameter parameter = Parameter.of((eq < 0 ? text : text.substring(0, eq)).trim());
            if (eq < 0) {
                return of(parameter);
            }
            List<Double> values = new ArrayList<>();
            for (String v : text.substring(eq + 1).split(",")) {
                try {
                    values.add(Double.parseDouble(v.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected numbers after '" + parameter.key() + "=', found '"
                            + v.trim() + "' in '" + text + "'");
                }
            }
            return new Axis(parameter, values);
        }
    }

    /** Accuracy in percent of a reservoir whose weights come from {@code weights}, with reservoir and training seed {@code seed}. */
    @FunctionalInterface
    public interface Metric {
        double accuracy(WeightSource weights, long seed);
    }

    /** Mean and sample standard deviation (0 for one seed) of per-seed accuracies, percent. */
    public record Summary(double mean, double sd, List<Double> perSeed) {
        public Summary {
            perSeed = List.copyOf(perSeed);
        }

        static Summary of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            double sd = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0;
            return new Summary(mean, sd, values);
        }
    }

    /** One value of a parameter: the device model it gave and each metric's accuracy. */
    public record Point(double value, RramDeviceModel device, Map<String, Summary> accuracy) {
        public Point {
            accuracy = Collections.unmodifiableMap(new LinkedHashMap<>(accuracy));
        }
    }

    /** One parameter's points, in the axis's order. */
    public record Curve(Parameter parameter, List<Point> points) {
        public Curve {
            points = List.copyOf(points);
        }
    }

    /**
     * What a sweep measured.
     *
     * @param base the device model every curve departs from
     * @param seeds seeds per point
     * @param ideal each metric with ideal software weights
     * @param baseDevice each metric with the base device model
     * @param curves one per axis
     */
    public record Result(RramDeviceModel base, int seeds, Map<String, Summary> ideal, Map<String, Summary> baseDevice,
            List<Curve> curves) {
        public Result {
            ideal = Collections.unmodifiableMap(new LinkedHashMap<>(ideal));
            baseDevice = Collections.unmodifiableMap(new LinkedHashMap<>(baseDevice));
            curves = List.copyOf(curves);
        }
    }

    private final RramDeviceModel base;
    private final List<Axis> axes;
    private final int seeds;
    private final Map<String, Metric> metrics;
    private final Consumer<String> progress;
    /** Per device model (null: ideal) and seed, each metric's accuracy. */
    private final Map<RramDeviceModel, Map<Long, Map<String, Double>>> measured = new HashMap<>();
    private final Map<Long, Map<String, Double>> idealMeasured = new HashMap<>();
    private int runsDone;
    private int runsTotal;

    /**
     * @param base the model held for the parameters not being swept
     * @param axes the parameters to sweep
     * @param seeds seeds per point, at least 1
     * @param metrics named accuracies to measure at every point, in report order
     * @param progress receives one line per measured run
     */
    public DeviceSweep(RramDeviceModel base, List<Axis> axes, int seeds, Map<String, Metric> metrics,
            Consumer<String> progress) {
        this.base = Objects.requireNonNull(base, "base");
        this.axes = List.copyOf(axes);
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, found " + seeds);
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("need at least one metric to measure");
        }
        this.seeds = seeds;
        this.metrics = new LinkedHashMap<>(metrics);
        this.progress = Objects.requireNonNull(progress, "progress");
        for (Axis axis : this.axes) {
            for (double v : axis.values()) {
                axis.parameter().apply(base, v); // fail on a bad value before hours of work, not after
            }
        }
    }

    public Result run() {
        List<RramDeviceModel> distinct = new ArrayList<>();
        distinct.add(base);
        for (Axis axis : axes) {
            for (double v : axis.values()) {
                RramDeviceModel device = axis.parameter().apply(base, v);
                if (!distinct.contains(device)) {
                    distinct.add(device);
                }
            }
        }
        runsTotal = (distinct.size() + 1) * seeds;
        runsDone = 0;
        Map<String, Summary> ideal = summarise(seed -> idealMeasured.computeIfAbsent(seed,
                s -> measure("ideal", new IdealGaussianWeights(), s)));
        Map<String, Summary> baseDevice = summarise(seed -> device(base, "rram defaults", seed));
        List<Curve> curves = new ArrayList<>();
        for (Axis axis : axes) {
            List<Point> points = new ArrayList<>();
            for (double v : axis.values()) {
                RramDeviceModel device = axis.parameter().apply(base, v);
                String label = axis.parameter().key() + "=" + format(v);
                points.add(new Point(v, device, summarise(seed -> device(device, label, seed))));
            }
            curves.add(new Curve(axis.parameter(), points));
        }
        return new Result(base, seeds, ideal, baseDevice, curves);
    }

    private Map<String, Double> device(RramDeviceModel device, String label, long seed) {
        return measured.computeIfAbsent(device, d -> new HashMap<>())
                .computeIfAbsent(seed, s -> measure(label, new RramDifferentialPairWeights(device), s));
    }

    private Map<String, Double> measure(String label, WeightSource weights, long seed) {
        long started = System.nanoTime();
        Map<String, Double> out = new LinkedHashMap<>();
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, Metric> m : metrics.entrySet()) {
            double accuracy = m.getValue().accuracy(weights, seed);
            out.put(m.getKey(), accuracy);
            line.append(String.format(Locale.ROOT, ", %s %.2f %%", m.getKey(), accuracy));
        }
        runsDone++;
        progress.accept(String.format(Locale.ROOT, "[%d/%d] %s seed %d%s (%.1f s)", runsDone, runsTotal, label, seed,
                line, (System.nanoTime() - started) / 1e9));
        return out;
    }

    private Map<String, Summary> summarise(LongFunction<Map<String, Double>> perSeed) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (long seed = 0; seed < seeds; seed++) {
            Map<String, Double> run = perSeed.apply(seed);
            for (String name : metrics.keySet()) {
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(run.get(name));
            }
        }
        Map<String, Summary> out = new LinkedHashMap<>();
        values.forEach((name, v) -> out.put(name, Summary.of(v)));
        return out;
    }

    /** A value as the command line writes it: whole numbers without a fraction. */
    public static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}

package io.liquidstream.cli;

import io.liquidstream.core.bench.EncodeBenchmark;
import io.liquidstream.core.evaluation.Readout;
import io.liquidstream.core.evaluation.ReadoutPreset;
import io.liquidstream.core.reservoir.ReservoirPreset;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liquidstream bench ...}: benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, header = "Benchmarks that print measured figures.",
        subcommands = {BenchCommand.Encode.class, PipelineBenchCommand.class, IngestBenchCommand.class,
            BmiBenchCommand.class})
final class BenchCommand {

    /** Reservoir encoding throughput on random binary input. */
    @Command(name = "encode", header = "Reservoir encoding throughput on random binary input.", mixinStandardHelpOptions = true,
            description = {
                "Encodes N samples of random binary input at the given density (fraction of input bins "
                    + "holding a spike) with the seed's reservoir shapes, or with --preset best's bank (5 "
                    + "reservoirs over the down-sampled whole sensor, 4 read-out segments), after a warm-up, and "
                    + "prints samples per second and per CPU-second."
            })
    static final class Encode implements Callable<Integer> {

        enum Config { vision, audio }

        @Option(names = "--config", defaultValue = "vision",
                description = "Shape: vision (256 inputs x 50 bins) or audio (64 x 129); 200 neurons. Default: ${DEFAULT-VALUE}.")
        Config config;

        @Option(names = "--samples", defaultValue = "50000", description = "Samples to time. Default: ${DEFAULT-VALUE}.")
        int samples;

        @Option(names = "--density", defaultValue = "0.05", description = "Input density. Default: ${DEFAULT-VALUE}.")
        double density;

        @Option(names = "--threads", defaultValue = "2", description = "Encoding threads. Default: ${DEFAULT-VALUE}.")
        int threads;

        @Mixin
        SeedOption seed;

        @Mixin
        PresetOption preset;

        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            if (samples <= 0 || threads <= 0 || density < 0 || density > 1) {
                throw new IllegalArgumentException("need --samples > 0, --threads > 0 and 0 <= --density <= 1");
            }
            ReservoirPreset shape = config == Config.vision ? ReservoirPreset.VISION_PROBE : ReservoirPreset.AUDIO_PROBE;
            Readout readout = preset.preset.readout();
            int inputs = preset.preset.input(config == Config.vision).inputs();
            EncodeBenchmark.Result r = preset.preset == ReadoutPreset.SEED
                    ? EncodeBenchmark.run(shape, samples, density, threads, seed.seed)
                    : EncodeBenchmark.runBank(shape.spec(seed.seed).withInputs(inputs), readout.reservoirs(), readout.segments(),
                            samples, density, threads);
            output.print(() -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("samplesPerSecond", Math.round(r.samplesPerSecond()));
                m.put("config", config.name());
                m.put("preset", preset.preset.id());
                m.put("shape", r.config());
                m.put("samplesPerCpuSecond", Math.round(r.samplesPerCpuSecond()));
                m.put("threads", threads);
                m.put("density", density);
                m.put("meanRate", Json.round(r.meanRate(), 4));
                m.put("samples", samples);
                return m;
            }, out -> {
                out.printf("encode %s, preset %s (%s): %d samples, density %.3f, %d threads%n", config, preset.preset.id(),
                        r.config(), samples, density, threads);
                out.printf("  %,.0f samples/s, mean firing rate %.4f%n", r.samplesPerSecond(), r.meanRate());
            });
            return 0;
        }
    }
}
